using System.Collections;
using Avro;
using Avro.Specific;

namespace Streams.Schemas.Tests;

/// <summary>Field-by-field equality of specific records (the generated classes have no Equals).</summary>
internal static class RecordAssert
{
    public static void Equal(ISpecificRecord expected, ISpecificRecord actual) => Equal(expected, actual, expected.Schema.Name);

    private static void Equal(object? expected, object? actual, string path)
    {
        switch (expected)
        {
            case ISpecificRecord record:
                var other = Assert.IsAssignableFrom<ISpecificRecord>(actual);
                Assert.Equal(record.GetType(), other.GetType());
                foreach (var field in ((RecordSchema)record.Schema).Fields)
                {
                    Equal(record.Get(field.Pos), other.Get(field.Pos), $"{path}.{field.Name}");
                }

                break;
            case IDictionary map:
                var otherMap = Assert.IsAssignableFrom<IDictionary>(actual);
                Assert.True(map.Count == otherMap.Count, $"{path}: {map.Count} entries expected, {otherMap.Count} found");
                foreach (DictionaryEntry entry in map)
                {
                    Assert.True(otherMap.Contains(entry.Key), $"{path}: key {entry.Key} missing");
                    Equal(entry.Value, otherMap[entry.Key], $"{path}[{entry.Key}]");
                }

                break;
            case IList list:
                var otherList = Assert.IsAssignableFrom<IList>(actual);
                Assert.True(list.Count == otherList.Count, $"{path}: {list.Count} items expected, {otherList.Count} found");
                for (var i = 0; i < list.Count; i++)
                {
                    Equal(list[i], otherList[i], $"{path}[{i}]");
                }

                break;
            case DateTime time:
                var otherTime = Assert.IsType<DateTime>(actual);
                Assert.True(time.ToUniversalTime() == otherTime.ToUniversalTime(), $"{path}: {time:O} expected, {otherTime:O} found");
                break;
            default:
                Assert.True(Equals(expected, actual), $"{path}: {expected ?? "null"} expected, {actual ?? "null"} found");
                break;
        }
    }
}
