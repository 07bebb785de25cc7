using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Spectre.Console;
using Streams.Host.Health;
using Streams.Host.Hosting;
using Streams.Platform.Kafka.Status;
using Streams.Platform.Security;
using Streams.Schemas.Topics;
using Streams.Scorer;

namespace Streams.Host.Status;

/// <summary>
/// <c>streams status</c>: what runs, whether each endpoint answers, who can reach each listener,
/// topics and lag. Exit code 0 only when everything answers. The scorer's host list needs a
/// viewer key: <c>Status:ApiKey</c>, else the admin key file of a platform on this machine.
/// </summary>
internal static class StatusCommand
{
    public static async Task<int> RunAsync(IConfiguration configuration, IAnsiConsole console, HttpClient http, CancellationToken cancellationToken)
    {
        var api = configuration.GetSection(ApiOptions.SectionName).Get<ApiOptions>() ?? new ApiOptions();
        var bootstrap = configuration["Kafka:BootstrapServers"]!;
        var endpoints = new Table().Title("Endpoints").AddColumns("part", "address", "state", "detail");
        var healthy = true;

        void Row(string part, string address, bool ok, string detail)
        {
            healthy &= ok;
            endpoints.AddRow(Markup.Escape(part), Markup.Escape(address), ok ? "[green]up[/]" : "[red]down[/]", Markup.Escape(detail));
        }

        var health = await GetAsync<HealthResponse>(http, new Uri(api.Url, "/readyz"), cancellationToken);
        Row("streams host", api.Url.ToString(), health.Value is not null,
            health.Value is { } h ? $"{h.Status}; roles: {string.Join(", ", h.Roles)}" : health.Error!);

        KafkaStatus? kafka = null;
        try
        {
            var groups = RoleCatalogue.All.SelectMany(r => r.ConsumerGroups)
                .Concat(configuration.GetSection("Status:ConsumerGroups").Get<string[]>() ?? []);
            kafka = KafkaStatusReader.Read(bootstrap, groups);
            Row("kafka", bootstrap, true, $"{kafka.Brokers} broker(s), {kafka.Topics.Count} topics");
        }
        catch (KafkaException ex)
        {
            Row("kafka", bootstrap, false, ex.Error.Reason);
        }

        var registry = new Uri(configuration["SchemaRegistry:Url"]!);
        var subjects = await GetAsync<string[]>(http, new Uri(registry, "/subjects"), cancellationToken);
        Row("schema registry", registry.ToString(), subjects.Value is not null, subjects.Value is { } s ? $"{s.Length} subjects" : subjects.Error!);

        var clickHouse = new Uri(configuration["ClickHouse:Url"]!);
        var version = await GetTextAsync(http, new Uri(clickHouse, "/?query=SELECT%20version()"), cancellationToken);
        Row("clickhouse", clickHouse.ToString(), version.Value is not null, version.Value is { } v ? "version " + v.Trim() : version.Error!);

        console.Write(endpoints);
        console.Write(ListenersTable(ListenerExposure.Describe(configuration, health.Value?.Roles ?? [])));
        var key = configuration["Status:ApiKey"] is { Length: > 0 } configured ? configured : SecretFile.TryRead(StreamsDataDirectory.AdminKeyFile(configuration));
        var hosts = await GetAsync<ScorerHosts>(http, new Uri(api.Url, ScorerHosts.Path), cancellationToken, key);
        if (hosts.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            console.WriteLine($"Scorer: {ScorerHosts.Path} needs a viewer API key: set Status:ApiKey, or run where {StreamsDataDirectory.AdminKeyFile(configuration)} is.");
        }
        else if (hosts.Value is { Learning: not null, Scoring: not null } scorer)
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Scorer: {scorer.AnnouncedModels} announced models, {scorer.WindowsScored:N0} windows scored, {scorer.Anomalies:N0} anomalies"));
            console.Write(ScorerTable(scorer, DateTimeOffset.UtcNow));
        }

        var metrics = (await GetTextAsync(http, new Uri(api.Url, "/metrics"), cancellationToken)).Value;
        if (kafka is not null)
        {
            console.Write(TopicsTable(kafka));
            if (kafka.Lags.Count > 0)
            {
                console.Write(LagTable(kafka, OverloadReport.SecondsBehind(metrics)));
            }

            foreach (var line in OverloadReport.Lines(kafka.Lags, metrics))
            {
                console.MarkupLine("[yellow]Overload[/] " + Markup.Escape(line));
            }
        }

        // Records the embedded broker dropped from memory before a consumer read them.
        if (metrics is not null && DataLossLines.Parse(metrics) is { Count: > 0 } losses)
        {
            var table = new Table().Title("[red]Data loss[/]").AddColumns("topic", "partition", "records lost");
            foreach (var (topic, partition, lost) in losses)
            {
                table.AddRow(Markup.Escape(topic), Markup.Escape(partition), lost.ToString("N0", CultureInfo.InvariantCulture));
            }

            console.Write(table);
        }

        return healthy ? 0 : 1;
    }

    private static Table TopicsTable(KafkaStatus kafka)
    {
        var table = new Table().Title("Topics").AddColumns("topic", "partitions", "end offset", "records held", "cleanup");
        foreach (var topic in kafka.Topics)
        {
            var spec = TopicCatalogue.Find(topic.Name);
            table.AddRow(
                Markup.Escape(topic.Name),
                topic.Partitions.ToString(CultureInfo.InvariantCulture),
                topic.EndOffset.ToString("N0", CultureInfo.InvariantCulture),
                topic.Messages.ToString("N0", CultureInfo.InvariantCulture),
                spec is null ? "(internal)" : spec.Cleanup.ToString().ToLowerInvariant());
        }

        return table;
    }

    private static Table ListenersTable(IReadOnlyList<Listener> listeners)
    {
        var table = new Table().Title("Listeners (from this configuration)").AddColumns("listener", "address", "who can use it");
        foreach (var listener in listeners)
        {
            table.AddRow(Markup.Escape(listener.Name), Markup.Escape(listener.Address), listener.Open ? "[red]" + Markup.Escape(listener.Protection) + "[/]" : Markup.Escape(listener.Protection));
        }

        return table;
    }

    internal static Table ScorerTable(ScorerHosts scorer, DateTimeOffset now)
    {
        const int Shown = 10;
        static string Names(IEnumerable<string> hosts, int count) =>
            string.Join(", ", hosts.Take(Shown)) + (count > Shown ? $" and {count - Shown} more" : "");

        var table = new Table().Title("Scorer hosts").AddColumns("covered by", "hosts", "which", "model age", "next retrain in");
        if (scorer.Coverage.Count == 0)
        {
            table.AddRow("learning", scorer.Learning.Count.ToString(CultureInfo.InvariantCulture), Markup.Escape(Names(scorer.Learning, scorer.Learning.Count)), "", "");
            table.AddRow("scoring", scorer.Scoring.Count.ToString(CultureInfo.InvariantCulture), Markup.Escape(Names(scorer.Scoring, scorer.Scoring.Count)), "", "");
            return table;
        }

        // In the order a host moves through them; ages and next retrains as ranges over the phase's hosts.
        string[] order = ["learning", "change-only", "fleet-prior", "provisional", "own-model", "announced"];
        foreach (var group in scorer.Coverage.GroupBy(c => c.CoveredBy).OrderBy(g => Array.IndexOf(order, g.Key)))
        {
            var ages = group.Where(c => c.TrainedAt is not null).Select(c => now - c.TrainedAt!.Value).ToList();
            var next = group.Where(c => c.NextRetrainAt is not null).Select(c => c.NextRetrainAt!.Value - now).ToList();
            table.AddRow(
                Markup.Escape(group.Key),
                group.Count().ToString(CultureInfo.InvariantCulture),
                Markup.Escape(Names(group.Select(c => c.Host), group.Count())),
                ages.Count == 0 ? "" : Range(ages.Min(), ages.Max()),
                next.Count == 0 ? "" : Range(next.Min(), next.Max()));
        }

        return table;
    }

    private static string Range(TimeSpan low, TimeSpan high) => Short(low) == Short(high) ? Short(low) : Short(low) + "–" + Short(high);

    // Window times run behind the clock by the window and its grace, so a due retrain can read as a few seconds ago.
    private static string Short(TimeSpan span) =>
        span < TimeSpan.Zero ? "due" :
        span.TotalMinutes < 1 ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0}s") :
        span.TotalHours < 1 ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalMinutes:0}m") :
        span.TotalDays < 1 ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalHours:0.#}h") :
        string.Create(CultureInfo.InvariantCulture, $"{span.TotalDays:0.#}d");

    private static Table LagTable(KafkaStatus kafka, Dictionary<(string Group, string Topic), double> secondsBehind)
    {
        var table = new Table().Title("Consumer lag").AddColumns("group", "topic", "committed", "lag", "behind");
        foreach (var lag in kafka.Lags)
        {
            var behind = secondsBehind.TryGetValue((lag.Group, lag.Topic), out var seconds) ? seconds.ToString("N0", CultureInfo.InvariantCulture) + " s" : "";
            table.AddRow(Markup.Escape(lag.Group), Markup.Escape(lag.Topic), lag.Committed.ToString("N0", CultureInfo.InvariantCulture), lag.Lag.ToString("N0", CultureInfo.InvariantCulture), behind);
        }

        return table;
    }

    private static async Task<(T? Value, string? Error, HttpStatusCode? Status)> GetAsync<T>(HttpClient http, Uri url, CancellationToken cancellationToken, string? apiKey = null)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (apiKey is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
            }

            using var response = await http.SendAsync(request, cancellationToken);
            // /readyz answers 503 with the same body while a part is down; the body is what we show.
            return (await response.Content.ReadFromJsonAsync<T>(HealthResponse.JsonOptions, cancellationToken), null, response.StatusCode);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            return (default, ex.Message, null);
        }
    }

    private static async Task<(string? Value, string? Error)> GetTextAsync(HttpClient http, Uri url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(url, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return response.IsSuccessStatusCode ? (body, null) : (null, $"{(int)response.StatusCode}: {body.Trim()}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return (null, ex.Message);
        }
    }
}
