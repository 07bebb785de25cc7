using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Streams.Notifier.Channels;
using Streams.Notifier.Delivery;

namespace Streams.Notifier;

public static class NotifierServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <c>notifier</c> role (alerts → email, SMS, Slack, webhooks, Alertmanager, Web
    /// Push and the dashboard feed on <c>notifications.dashboard</c>), bound to the <c>Notifier</c>
    /// section. It resolves <c>IKafkaEndpoint</c> and
    /// <c>ISchemaRegistryEndpoint</c>: register the platform first. Safe to call twice.
    /// </summary>
    public static IServiceCollection AddNotifier(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(NotifierService)))
        {
            return services;
        }

        services.AddOptions<NotifierOptions>().Bind(configuration.GetSection(NotifierOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new NotifierHttp(sp.GetRequiredService<IOptions<NotifierOptions>>()));
        services.AddSingleton<NotifierProducer>();
        services.AddSingleton<INotificationChannel, EmailChannel>();
        services.AddSingleton<INotificationChannel, SmsChannel>();
        services.AddSingleton<INotificationChannel, SlackChannel>();
        services.AddSingleton<INotificationChannel, WebhookChannel>();
        services.AddSingleton<INotificationChannel, AlertmanagerWebhookChannel>();
        services.AddSingleton<INotificationChannel, AlertmanagerChannel>();
        services.AddSingleton<INotificationChannel, WebPushChannel>();
        services.AddSingleton<INotificationChannel, DashboardChannel>();
        services.AddSingleton<PreferenceStore>();
        services.AddSingleton<NotificationLedger>();
        services.AddSingleton<NotificationPlanner>();
        services.AddSingleton<KafkaNotificationAudit>();
        services.AddSingleton<INotificationAudit>(sp => ActivatorUtilities.CreateInstance<RetryingNotificationAudit>(sp, sp.GetRequiredService<KafkaNotificationAudit>()));
        services.AddSingleton<NotificationDeliverer>();
        services.AddSingleton<DeliveryQueues>();
        services.AddSingleton<NotifierService>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<NotifierService>());
        return services;
    }
}
