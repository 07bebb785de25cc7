using System.Globalization;

namespace Streams.Sinks.ClickHouse.Rows;

/// <summary>
/// Conversions that check what ClickHouse would otherwise reject for the whole insert: one bad
/// value must cost one record (dead-lettered), not a batch that can never be written.
/// </summary>
internal static class ColumnValues
{
    // DateTime64's range (ClickHouse docs, DateTime64): 1900-01-01 to 2299-12-31.
    private static readonly DateTime MinTime = new(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime MaxTime = new(2299, 12, 31, 23, 59, 59, DateTimeKind.Utc);
    private static readonly long MinUnixMilliseconds = UnixMilliseconds(MinTime);
    private static readonly long MaxUnixMilliseconds = UnixMilliseconds(MaxTime);

    public static DateTime Time(DateTime value, string field) =>
        value >= MinTime && value <= MaxTime
            ? DateTime.SpecifyKind(value, DateTimeKind.Utc)
            : throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{field} {value:O} is outside ClickHouse DateTime64's range 1900-01-01..2299-12-31."));

    public static object Time(DateTime? value, string field) => value is { } time ? Time(time, field) : DBNull.Value;

    /// <summary>Whether a timestamp-millis value is one <see cref="Time(DateTime, string)"/> accepts.</summary>
    public static bool IsTime(long unixMilliseconds) => unixMilliseconds >= MinUnixMilliseconds && unixMilliseconds <= MaxUnixMilliseconds;

    /// <summary>Milliseconds since the Unix epoch: what DateTime64(3) holds.</summary>
    public static long UnixMilliseconds(DateTime value) => (value - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerMillisecond;

    public static uint Unsigned(long value, string field) =>
        IsUnsigned(value)
            ? (uint)value
            : throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{field} is {value}; it must be 0..{uint.MaxValue}."));

    public static bool IsUnsigned(long value) => value is >= 0 and <= uint.MaxValue;

    public static ushort UnsignedShort(int value, string field) =>
        value is >= 0 and <= ushort.MaxValue
            ? (ushort)value
            : throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{field} is {value}; it must be 0..{ushort.MaxValue}."));

    public static object Nullable<TValue>(TValue? value)
        where TValue : struct => value is { } v ? v : DBNull.Value;

    public static object Nullable(string? value) => value is null ? DBNull.Value : value;

    public static IDictionary<string, string> Map(IDictionary<string, string>? map) => map ?? new Dictionary<string, string>();
}
