using System.Globalization;
using System.Net.Sockets;
using Streams.Platform.ClickHouse;

namespace Streams.Collectors.Nagios.Checks;

/// <summary>
/// <c>streams check</c>: a host's anomaly state as a Nagios plugin reports it (Monitoring Plugins
/// development guidelines): exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN, and one line
/// <c>STREAMS STATE - text | 'anomalies'=n;warn;crit;0 'score'=s;warn;crit 'firing_alerts'=n;;;0</c>.
/// CRITICAL at the critical count or score; WARNING at the warning count or score or while an
/// alert fires; UNKNOWN when ClickHouse does not answer or has never seen the host.
/// Runs as is under Nagios, Icinga (check_command) and Zabbix (external check or UserParameter).
/// </summary>
public sealed class HostAnomalyCheck
{
    private readonly IHostAnomalySource _source;

    /// <summary>A check reading the ClickHouse at <paramref name="clickHouse"/> (e.g. <c>IClickHouseEndpoint.ConnectionString</c>).</summary>
    public HostAnomalyCheck(IClickHouseEndpoint clickHouse)
        : this(new ClickHouseAnomalySource((clickHouse ?? throw new ArgumentNullException(nameof(clickHouse))).ConnectionString))
    {
    }

    /// <summary>A check reading ClickHouse through a ClickHouse.Driver connection string.</summary>
    public HostAnomalyCheck(string connectionString)
        : this(new ClickHouseAnomalySource(connectionString))
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
    }

    internal HostAnomalyCheck(IHostAnomalySource source)
    {
        _source = source;
    }

    public async Task<NagiosCheckOutcome> RunAsync(HostCheckRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Invalid() is { } invalid)
        {
            return new NagiosCheckOutcome(NagiosCheckOutcome.Unknown, "STREAMS UNKNOWN - " + invalid);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(request.TimeoutSeconds));
        HostAnomalySummary summary;
        try
        {
            summary = await _source.GetAsync(request.Host, request.WindowMinutes, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new NagiosCheckOutcome(NagiosCheckOutcome.Unknown, $"STREAMS UNKNOWN - ClickHouse did not answer within {request.TimeoutSeconds} s");
        }
        catch (Exception ex) when (ex is HttpRequestException or SocketException or IOException or System.Data.Common.DbException or InvalidOperationException)
        {
            return new NagiosCheckOutcome(NagiosCheckOutcome.Unknown, "STREAMS UNKNOWN - ClickHouse unreachable or failing: " + FirstLine(ex.Message));
        }

        return Evaluate(request, summary);
    }

    internal static NagiosCheckOutcome Evaluate(HostCheckRequest request, HostAnomalySummary summary)
    {
        if (!summary.Known)
        {
            return new NagiosCheckOutcome(NagiosCheckOutcome.Unknown, $"STREAMS UNKNOWN - host '{request.Host}' is unknown to Streams (no samples or anomalies in ClickHouse)");
        }

        var score = summary.MaxScore ?? 0;
        var code = summary.Anomalies >= request.CriticalAnomalies && summary.Anomalies > 0 || score >= request.CriticalScore
            ? NagiosCheckOutcome.Critical
            : summary.Anomalies >= request.WarningAnomalies && summary.Anomalies > 0 || score >= request.WarningScore || summary.FiringAlerts > 0
                ? NagiosCheckOutcome.Warning
                : NagiosCheckOutcome.Ok;
        var text = string.Create(CultureInfo.InvariantCulture, $"{request.Host}: {summary.Anomalies} {(summary.Anomalies == 1 ? "anomaly" : "anomalies")} in the last {request.WindowMinutes} min");
        if (summary.MaxScore is { } max)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" (max score {max:0.###})");
        }

        text += string.Create(CultureInfo.InvariantCulture, $", {summary.FiringAlerts} firing {(summary.FiringAlerts == 1 ? "alert" : "alerts")}");
        var perfdata = string.Create(
            CultureInfo.InvariantCulture,
            $"anomalies={summary.Anomalies};{request.WarningAnomalies};{request.CriticalAnomalies};0; score={score:0.####};{Optional(request.WarningScore)};{Optional(request.CriticalScore)};; firing_alerts={summary.FiringAlerts};;;0;");
        return new NagiosCheckOutcome(code, $"STREAMS {StateName(code)} - {text} | {perfdata}");
    }

    private static string StateName(int code) => code switch
    {
        NagiosCheckOutcome.Ok => "OK",
        NagiosCheckOutcome.Warning => "WARNING",
        NagiosCheckOutcome.Critical => "CRITICAL",
        _ => "UNKNOWN",
    };

    private static string Optional(double? value) => value?.ToString("0.####", CultureInfo.InvariantCulture) ?? "";

    // The status line is one line (plugin guidelines); a driver message may carry a server stack trace.
    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
