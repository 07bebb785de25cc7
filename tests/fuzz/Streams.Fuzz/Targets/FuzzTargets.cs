using io.streams.avro;
using Streams.Fuzz.Harness;
using Streams.Schemas.Topics;

namespace Streams.Fuzz.Targets;

/// <summary>Every parser that takes outside bytes, by target name.</summary>
internal static class FuzzTargets
{
    public static readonly IReadOnlyList<string> Names =
        ["avro-metric-sample", "avro-log-record", "prometheus-text", "prometheus-remote-write", "syslog", "zabbix", "nagios-nrdp", "sql-guard", "sql-syntax-tree"];

    /// <summary>A fresh instance of the target (each keeps state, e.g. the NRDP receiver's check states).</summary>
    public static IFuzzTarget Create(string name) => name switch
    {
        "avro-metric-sample" => new AvroTarget<MetricSample>(name, TopicCatalogue.MetricsRaw.Name),
        "avro-log-record" => new AvroTarget<LogRecord>(name, TopicCatalogue.LogsRaw.Name),
        "prometheus-text" => new ExpositionTarget(),
        "prometheus-remote-write" => new RemoteWriteTarget(),
        "syslog" => new SyslogTarget(),
        "zabbix" => new ZabbixTarget(),
        "nagios-nrdp" => new NrdpTarget(),
        "sql-guard" => new SqlGuardTarget(),
        "sql-syntax-tree" => new SqlSyntaxTreeTarget(),
        _ => throw new ArgumentException($"unknown target '{name}'; the targets are {string.Join(", ", Names)}", nameof(name)),
    };
}
