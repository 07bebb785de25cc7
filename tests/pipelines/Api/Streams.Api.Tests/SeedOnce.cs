namespace Streams.Api.Tests;

/// <summary>
/// Seeds a test class's rows into the shared fixture's ClickHouse once, however many of its tests
/// run: xunit calls <c>InitializeAsync</c> for every test.
/// </summary>
internal sealed class SeedOnce
{
    private readonly Lock gate = new();
    private Task? seeding;

    public Task RunAsync(Func<Task> seed)
    {
        lock (gate)
        {
            return seeding ??= seed();
        }
    }
}
