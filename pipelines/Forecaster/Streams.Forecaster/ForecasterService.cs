using System.Diagnostics;
using ClickHouse.Driver;
using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streams.Forecaster.Cycle;
using Streams.Forecaster.Data;
using Streams.Forecaster.Publishing;

namespace Streams.Forecaster;

/// <summary>
/// The <c>forecaster</c> role: every <see cref="ForecasterOptions.Cadence"/>, each host's resource
/// series from <c>series_1h</c> (the completed hours of <see cref="ForecasterOptions.HistorySpan"/>)
/// forecast to <see cref="ForecasterOptions.Horizon"/>, to <c>forecasts</c>. A cycle stops after
/// <see cref="ForecasterOptions.MaxSeriesPerCycle"/> series and the next one resumes after the last host.
/// </summary>
internal sealed partial class ForecasterService(
    ISeriesHistorySource source,
    IForecastPublisher publisher,
    IOptions<ForecasterOptions> options,
    TimeProvider time,
    ILogger<ForecasterService> logger) : BackgroundService
{
    private string resumeAfter = string.Empty;

    /// <summary>
    /// The wait before the first cycle, and before a failed cycle is tried again (rather than a
    /// whole cadence later): under <c>streams up</c> the sink creates <c>series_1h</c> in the
    /// first seconds, and a cycle at once would fail on its absence.
    /// </summary>
    internal static TimeSpan RetryDelay { get; } = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        options.Value.Validate();
        await Task.Delay(RetryDelay, time, stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = options.Value.Cadence;
            try
            {
                await RunCycleAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested && e is HttpRequestException or ClickHouseServerException or KafkaException or TaskCanceledException)
            {
                wait = RetryDelay < wait ? RetryDelay : wait;
                LogCycleFailed(wait, e.Message);
            }

            await Task.Delay(wait, time, stoppingToken);
        }
    }

    /// <summary>One cycle; returns the series forecast.</summary>
    internal async Task<CycleSummary> RunCycleAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var cycle = new ForecastCycle(settings);
        var now = time.GetUtcNow();
        var to = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        var from = to - settings.HistorySpan;
        var watch = Stopwatch.StartNew();
        int series = 0, forecasts = 0, hosts = 0;
        string? lastHost = null;
        await foreach (var host in source.ReadHostsAsync(cycle.Metrics, from, to, resumeAfter, cancellationToken))
        {
            var records = cycle.ForecastHost(host, now).ToList();
            await publisher.PublishAsync(records, cancellationToken);
            series += host.Count;
            forecasts += records.Count;
            hosts++;
            lastHost = host[0].Host;
            if (series >= settings.MaxSeriesPerCycle)
            {
                break;
            }
        }

        var complete = series < settings.MaxSeriesPerCycle;
        var summary = new CycleSummary(hosts, series, forecasts, complete ? null : lastHost, watch.Elapsed);
        resumeAfter = summary.ResumeAfter ?? string.Empty;
        LogCycle(hosts, series, forecasts, watch.Elapsed.TotalSeconds,
            summary.ResumeAfter is { } after ? $"Forecaster:MaxSeriesPerCycle reached, the next cycle resumes after host {after}" : "every host done");
        return summary;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Forecast cycle: {Hosts} hosts, {Series} series read, {Forecasts} forecasts in {Seconds:F1} s; {Next}")]
    private partial void LogCycle(int hosts, int series, int forecasts, double seconds, string next);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Forecast cycle failed, next in {Cadence}: {Error}")]
    private partial void LogCycleFailed(TimeSpan cadence, string error);
}
