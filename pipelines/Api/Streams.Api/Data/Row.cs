using System.Data.Common;
using System.Globalization;
using System.Text.Json;

namespace Streams.Api.Data;

/// <summary>
/// Reads columns whatever .NET type the driver picked for them (UInt32 or Int64, Nullable).
/// Maps and arrays are selected as <c>toJSONString(...)</c> and parsed here, which keeps the
/// API independent of how the driver represents nested types.
/// </summary>
internal static class Row
{
    public static string Text(DbDataReader reader, int i) => reader.IsDBNull(i) ? string.Empty : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? string.Empty;

    public static string? NullableText(DbDataReader reader, int i) => reader.IsDBNull(i) ? null : Text(reader, i) is { Length: > 0 } text ? text : null;

    public static long Long(DbDataReader reader, int i) => reader.IsDBNull(i) ? 0 : Convert.ToInt64(reader.GetValue(i), CultureInfo.InvariantCulture);

    public static double Double(DbDataReader reader, int i) => reader.IsDBNull(i) ? double.NaN : Convert.ToDouble(reader.GetValue(i), CultureInfo.InvariantCulture);

    public static double? NullableDouble(DbDataReader reader, int i) => reader.IsDBNull(i) ? null : Finite(Double(reader, i));

    public static bool Bool(DbDataReader reader, int i) => !reader.IsDBNull(i) && Convert.ToBoolean(reader.GetValue(i), CultureInfo.InvariantCulture);

    /// <summary>A UTC millisecond column (<c>toUnixTimestamp64Milli(...)</c>) as a time.</summary>
    public static DateTimeOffset Time(DbDataReader reader, int i) => DateTimeOffset.FromUnixTimeMilliseconds(Long(reader, i));

    public static DateTimeOffset? NullableTime(DbDataReader reader, int i) => reader.IsDBNull(i) ? null : Time(reader, i);

    public static Dictionary<string, string> Map(DbDataReader reader, int i) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(Text(reader, i)) ?? [];

    public static List<T> Array<T>(DbDataReader reader, int i) =>
        JsonSerializer.Deserialize<List<T>>(Text(reader, i)) ?? [];

    /// <summary>JSON has no NaN or infinity; an absent statistic is null.</summary>
    public static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
