using System.Collections;
using System.Globalization;
using Avro;
using Newtonsoft.Json.Linq;

namespace Streams.Schemas.Tests;

/// <summary>Checks a field value against the field's default as written in the .avsc.</summary>
internal static class DefaultAssert
{
    public static void Matches(RecordSchema record, Field field, object? actual)
    {
        var path = $"{record.Fullname}.{field.Name}";
        var expected = field.DefaultValue ?? throw new InvalidOperationException($"{path} has no default");
        switch (expected.Type)
        {
            case JTokenType.Null:
                Assert.True(actual is null, $"{path}: null expected, {actual} found");
                break;
            case JTokenType.Array:
                Assert.Empty(Assert.IsAssignableFrom<IList>(actual));
                Assert.Empty((JArray)expected);
                break;
            case JTokenType.Object:
                Assert.Empty(Assert.IsAssignableFrom<IDictionary>(actual));
                Assert.Empty((JObject)expected);
                break;
            case JTokenType.String:
                Assert.True(expected.Value<string>() == Convert.ToString(actual, CultureInfo.InvariantCulture), $"{path}: {expected} expected, {actual} found");
                break;
            default:
                Assert.NotNull(actual);
                Assert.True(
                    Convert.ToDouble(((JValue)expected).Value, CultureInfo.InvariantCulture) == Convert.ToDouble(actual, CultureInfo.InvariantCulture),
                    $"{path}: {expected} expected, {actual} found");
                break;
        }
    }
}
