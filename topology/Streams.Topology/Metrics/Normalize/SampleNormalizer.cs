using System.Globalization;
using io.streams.avro;
using Streams.Topology.DeadLetters;

namespace Streams.Topology.Metrics.Normalize;

/// <summary>
/// The pure logic of NormalizeMetrics for one sample of one series: validation, unit
/// normalisation, counters to rates, gap detection and running statistics.
/// </summary>
internal sealed class SampleNormalizer(NormalizeOptions options)
{
    // A sample later than 1.5 intervals after the previous one means at least one was missed.
    private const double MissedIntervalRatio = 1.5;

    // Weight of a newly observed spacing when the source does not promise an interval.
    private const double IntervalLearningRate = 0.2;

    public NormalizeResult Normalize(MetricSample raw, SeriesState? state, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(raw);
        if (string.IsNullOrWhiteSpace(raw.host) || string.IsNullOrWhiteSpace(raw.metric))
        {
            return NormalizeResult.Reject(RejectReason.MissingIdentity, $"host '{raw.host}' and metric '{raw.metric}' must both be non-empty");
        }

        if (!double.IsFinite(raw.value))
        {
            return NormalizeResult.Reject(RejectReason.NonFiniteValue, $"{raw.metric} value is {raw.value.ToString(CultureInfo.InvariantCulture)}");
        }

        if (At(raw) > nowMs + (long)options.MaxFutureSkew.TotalMilliseconds)
        {
            return NormalizeResult.Reject(RejectReason.TimestampInFuture, $"event time {Iso(At(raw))} is more than {options.MaxFutureSkew} after now ({Iso(nowMs)})");
        }

        if (At(raw) < nowMs - (long)options.MaxAge.TotalMilliseconds)
        {
            return NormalizeResult.Reject(RejectReason.TimestampTooOld, $"event time {Iso(At(raw))} is more than {options.MaxAge} before now ({Iso(nowMs)})");
        }

        if (Units.Resolve(raw.unit) is not { } unit)
        {
            return NormalizeResult.Reject(RejectReason.UnknownUnit, $"{raw.metric} has unit '{raw.unit}', which is not one of the known units");
        }

        var hundredScale = state?.HundredScale ?? false;
        if (unit.Unit == Units.Unspecified && Units.IsRatioFamily(raw.metric))
        {
            // An unlabelled utilisation: a source reporting 0..100 gives itself away with the first
            // value above 1, and stays on that scale for the life of the series.
            hundredScale |= raw.value > 1;
            unit = new CanonicalUnit(Units.Ratio, hundredScale ? 0.01 : 1, Units.Ratio, NonNegative: true);
        }

        return raw.kind == MetricKind.COUNTER
            ? NormalizeCounter(raw, state, unit, hundredScale)
            : NormalizeLevel(raw, state, unit, hundredScale);
    }

    private NormalizeResult NormalizeLevel(MetricSample raw, SeriesState? state, CanonicalUnit unit, bool hundredScale)
    {
        var value = raw.value * unit.Factor;
        if (OutOfRange(raw, unit.Unit, unit, value) is { } rejected)
        {
            return rejected;
        }

        return Accept(raw, state, value, unit.Unit, raw.kind, hundredScale);
    }

    private NormalizeResult NormalizeCounter(MetricSample raw, SeriesState? state, CanonicalUnit unit, bool hundredScale)
    {
        var reading = raw.value * unit.Factor;
        if (unit.NonNegative && reading < 0)
        {
            return NormalizeResult.Reject(RejectReason.OutOfRange, $"counter {raw.metric} reads {Text(raw.value)}; counters cannot be negative");
        }

        if (state is null)
        {
            // The first reading only sets the baseline: a rate needs two.
            return new NormalizeResult([], new SeriesState(At(raw), double.NaN, reading, raw.intervalMs, hundredScale, default));
        }

        if (At(raw) == state.LastTimestamp)
        {
            return Repeat(raw, state, unit.RateUnit, MetricKind.RATE);
        }

        if (At(raw) < state.LastTimestamp)
        {
            return state.Passed(At(raw))
                ? new NormalizeResult([], null)
                : NormalizeResult.Reject(RejectReason.OutOfOrderCounter, $"counter {raw.metric} reading at {Iso(At(raw))} is older than the last one at {Iso(state.LastTimestamp)}");
        }

        // A counter that went down was reset (restart, wrap): it counted up from zero since.
        var increase = reading >= state.LastRaw ? reading - state.LastRaw : reading;
        var rate = increase / ((At(raw) - state.LastTimestamp) / 1000.0);
        var accepted = Accept(raw, state, rate, unit.RateUnit, MetricKind.RATE, hundredScale);
        return accepted with { State = accepted.State! with { LastRaw = reading } };
    }

    private NormalizeResult Accept(MetricSample raw, SeriesState? state, double value, string unit, MetricKind kind, bool hundredScale)
    {
        var clean = Sample(raw, value, unit, kind);
        clean.rawValue = value == raw.value && unit == raw.unit ? null : raw.value;
        if (state is null)
        {
            var stats = default(RobustStats).Update(value, options.StatsAlpha, options.StatsWinsorK, options.StatsWarmUp);
            return new NormalizeResult([clean], new SeriesState(At(raw), value, raw.value, raw.intervalMs, hundredScale, stats));
        }

        if (At(raw) == state.LastTimestamp)
        {
            return Repeat(raw, state, unit, kind);
        }

        if (At(raw) < state.LastTimestamp)
        {
            // Out of order: passed on for the windows to place, once (an older reading replayed
            // after a restart or a rebalance was passed on before), but it must neither move the
            // series' clock back nor count twice in the statistics.
            return state.Passed(At(raw))
                ? new NormalizeResult([], null)
                : new NormalizeResult([clean], state with { HundredScale = hundredScale, Earlier = state.EarlierWith(At(raw)) });
        }

        var spacing = At(raw) - state.LastTimestamp;
        var interval = raw.intervalMs > 0 ? raw.intervalMs : state.IntervalMs;
        var output = new List<MetricSample>(2);
        AddFillsOrGap(output, raw, state.LastTimestamp, state.LastValue, interval, unit, kind);
        output.Add(clean);
        var next = new SeriesState(
            At(raw),
            value,
            raw.value,
            raw.intervalMs > 0 ? raw.intervalMs : Learn(state.IntervalMs, spacing),
            hundredScale,
            state.Stats.Update(value, options.StatsAlpha, options.StatsWinsorK, options.StatsWarmUp))
        {
            Earlier = state.EarlierWith(At(raw)),
            PreviousTimestamp = state.LastTimestamp,
            PreviousValue = state.LastValue,
            PreviousIntervalMs = interval,
        };
        return new NormalizeResult(output, next);
    }

    /// <summary>
    /// The newest reading again: a redelivery upstream, or the replay of a processor restarted
    /// after a crash, whose restored store can be ahead of what reached <c>metrics.clean</c> (a
    /// producer orders records within a partition, not between the changelog's and the output's).
    /// Dropping it could lose the only copy, so it is passed on again exactly as the first time,
    /// from the state it left; downstream recognises the repeat (the sink by its bytes, the windows
    /// by series and event time).
    /// </summary>
    private NormalizeResult Repeat(MetricSample raw, SeriesState state, string unit, MetricKind kind)
    {
        if (double.IsNaN(state.LastValue))
        {
            // A counter's first reading set the baseline and passed nothing on.
            return new NormalizeResult([], null);
        }

        var output = new List<MetricSample>(2);
        if (state.PreviousTimestamp > 0)
        {
            AddFillsOrGap(output, raw, state.PreviousTimestamp, state.PreviousValue, state.PreviousIntervalMs, unit, kind);
        }

        var clean = Sample(raw, state.LastValue, unit, kind);
        clean.rawValue = state.LastValue == raw.value && unit == raw.unit ? null : raw.value;
        output.Add(clean);
        return new NormalizeResult(output, null);
    }

    /// <summary>The forward fills, or the gap marker, between a reading at <paramref name="lastTimestamp"/> and <paramref name="raw"/>, if they are more than an interval apart.</summary>
    private void AddFillsOrGap(List<MetricSample> output, MetricSample raw, long lastTimestamp, double lastValue, double intervalMs, string unit, MetricKind kind)
    {
        var spacing = At(raw) - lastTimestamp;
        if (intervalMs <= 0 || spacing < intervalMs * MissedIntervalRatio || double.IsNaN(lastValue))
        {
            return;
        }

        var interval = (long)intervalMs;
        var missed = (int)Math.Round((double)spacing / interval) - 1;
        if (missed <= options.MaxForwardFill)
        {
            for (var i = 1; i <= missed; i++)
            {
                var fill = Sample(raw, lastValue, unit, kind);
                fill.timestamp = EpochMs.ToDateTime(lastTimestamp + (i * interval));
                fill.forwardFilled = true;
                output.Add(fill);
            }

            return;
        }

        var gap = Sample(raw, double.NaN, unit, kind);
        gap.timestamp = EpochMs.ToDateTime(lastTimestamp + interval);
        gap.gap = true;
        output.Add(gap);
    }

    private static double Learn(double intervalMs, long spacing) =>
        intervalMs <= 0 ? spacing
        : spacing >= intervalMs * MissedIntervalRatio ? intervalMs // a silence is not a new interval
        : intervalMs + (IntervalLearningRate * (spacing - intervalMs));

    private static NormalizeResult? OutOfRange(MetricSample raw, string canonical, CanonicalUnit unit, double value)
    {
        // A ratio a hair above 1 is rounding at the source (e.g. 100.0001 %), not a fault.
        if (unit.IsRatio && value is < 0 or > 1.001)
        {
            return NormalizeResult.Reject(RejectReason.OutOfRange, $"{raw.metric} = {Text(raw.value)} {raw.unit} is {Text(value)} as a {canonical}; a ratio lies in 0..1");
        }

        return unit.NonNegative && value < 0
            ? NormalizeResult.Reject(RejectReason.OutOfRange, $"{raw.metric} = {Text(raw.value)} {raw.unit} is negative; {canonical} cannot be")
            : null;
    }

    private static MetricSample Sample(MetricSample raw, double value, string unit, MetricKind kind) => new()
    {
        host = raw.host,
        metric = raw.metric,
        value = value,
        unit = unit,
        kind = kind,
        timestamp = raw.timestamp,
        tags = raw.tags,
        source = raw.source,
        intervalMs = raw.intervalMs,
        normalised = true,
    };

    private static long At(MetricSample sample) => EpochMs.Of(sample.timestamp);

    private static string Text(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    private static string Iso(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("O", CultureInfo.InvariantCulture);
}
