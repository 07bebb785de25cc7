using ClickHouse.Driver;

namespace Streams.Sinks.ClickHouse.Tests.Consuming;

internal static class SinkTestSupport
{
    private const int UnknownTable = 60;

    /// <summary>Waits until <paramref name="sql"/> returns <paramref name="expected"/> (a table the sink has yet to create counts as 0), then returns the last value read.</summary>
    public static async Task<ulong> WaitForCountAsync(ClickHouseClient client, string sql, ulong expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        ulong count;
        do
        {
            try
            {
                count = (ulong)(await client.ExecuteScalarAsync(sql))!;
            }
            catch (ClickHouseServerException ex) when (ex.ErrorCode == UnknownTable)
            {
                count = 0;
            }

            if (count >= expected)
            {
                return count;
            }

            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        return count;
    }
}
