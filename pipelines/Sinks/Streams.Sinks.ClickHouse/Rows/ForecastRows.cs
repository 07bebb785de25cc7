using io.streams.avro;

namespace Streams.Sinks.ClickHouse.Rows;

/// <summary>forecasts: one row per forecast, its points as parallel arrays.</summary>
internal sealed class ForecastRows : IRowMapper<Forecast>
{
    public string Table => "forecasts";

    public IReadOnlyList<string> Columns { get; } =
    [
        "generated_at", "host", "series", "metric", "tags", "model", "season_steps", "step_ms", "origin", "last_value", "coverage",
        "residual_sigma", "limit", "direction", "exhaustion_expected", "exhaustion_earliest", "exhaustion_latest",
        "points_at", "points_expected", "points_lower", "points_upper",
    ];

    public void AddRows(Forecast record, List<object[]> rows)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(rows);
        var points = record.points ?? [];
        rows.Add(
        [
            ColumnValues.Time(record.generatedAt, "generatedAt"), record.host, record.series, record.metric, ColumnValues.Map(record.tags),
            record.model.ToString(), ColumnValues.Unsigned(record.seasonSteps, "seasonSteps"), ColumnValues.Unsigned(record.stepMs, "stepMs"),
            ColumnValues.Time(record.origin, "origin"), record.lastValue, record.coverage, record.residualSigma, ColumnValues.Nullable(record.limit),
            record.direction.ToString(), ColumnValues.Time(record.exhaustionExpected, "exhaustionExpected"),
            ColumnValues.Time(record.exhaustionEarliest, "exhaustionEarliest"), ColumnValues.Time(record.exhaustionLatest, "exhaustionLatest"),
            points.Select(p => ColumnValues.Time(p.at, "points.at")).ToArray(), points.Select(p => p.expected).ToArray(),
            points.Select(p => p.lower).ToArray(), points.Select(p => p.upper).ToArray(),
        ]);
    }
}
