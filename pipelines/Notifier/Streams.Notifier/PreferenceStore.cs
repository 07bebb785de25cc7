using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;
using Streams.Alerting.Config;
using Streams.Alerting.Notifications;

namespace Streams.Notifier;

/// <summary>
/// The notification preferences as the compacted <c>alert-rules</c> topic holds them
/// (<c>preference:&lt;id&gt;</c>, tombstone = deleted). A value that does not validate is logged
/// with every reason and the previous version stays in force, so a bad edit never silences a team.
/// </summary>
internal sealed partial class PreferenceStore(ILogger<PreferenceStore> logger)
{
    private readonly ConcurrentDictionary<string, NotificationPreference> preferences = new(StringComparer.Ordinal);
    private volatile NotificationPreference[] snapshot = [];

    public IReadOnlyList<NotificationPreference> Current => snapshot;

    /// <summary>Applies one record of <c>alert-rules</c>; other kinds of keys are not the notifier's.</summary>
    public void Apply(string key, byte[]? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!AlertConfigKey.TryParse(key, out var prefix, out var id) || prefix != AlertConfigKey.PreferencePrefix)
        {
            return;
        }

        if (value is null)
        {
            if (preferences.TryRemove(id, out _))
            {
                LogRemoved(id);
                Publish();
            }

            return;
        }

        var result = PreferenceValidator.Parse(id, Encoding.UTF8.GetString(value));
        if (!result.IsValid)
        {
            LogRejected(id, string.Join("; ", result.Errors));
            return;
        }

        preferences[id] = result.Preference;
        LogApplied(id, result.Preference.Channels.Count);
        Publish();
    }

    private void Publish() => snapshot = [.. preferences.Values.OrderBy(p => p.Id, StringComparer.Ordinal)];

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification preference {Id} applied ({Channels} channels)")]
    private partial void LogApplied(string id, int channels);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification preference {Id} removed")]
    private partial void LogRemoved(string id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification preference {Id} rejected, the previous version stays in force: {Errors}")]
    private partial void LogRejected(string id, string errors);
}
