using System.Collections.Concurrent;

namespace Streams.Api.Data;

/// <summary>One running analyst query per API key: the rate limit counts requests, not the cores a query holds.</summary>
internal sealed class SqlQueryGate
{
    private readonly ConcurrentDictionary<string, byte> running = new(StringComparer.Ordinal);

    /// <summary>A lease to dispose when the query ends, or null while another query of <paramref name="key"/> runs.</summary>
    public IDisposable? TryEnter(string key) => running.TryAdd(key, 0) ? new Lease(running, key) : null;

    private sealed class Lease(ConcurrentDictionary<string, byte> running, string key) : IDisposable
    {
        public void Dispose() => running.TryRemove(key, out _);
    }
}
