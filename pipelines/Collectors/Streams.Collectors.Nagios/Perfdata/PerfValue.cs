namespace Streams.Collectors.Nagios.Perfdata;

/// <summary>One performance-data item: <c>'label'=value[UOM];[warn];[crit];[min];[max]</c>; thresholds are kept as text (they may be ranges like <c>10:20</c> or <c>@5:</c>).</summary>
internal sealed record PerfValue(string Label, double Value, string Uom, string Warning, string Critical, double? Min, double? Max);
