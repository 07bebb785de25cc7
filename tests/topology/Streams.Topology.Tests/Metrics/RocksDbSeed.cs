using System.Text;
using RocksDbSharp;

namespace Streams.Topology.Tests.Metrics;

/// <summary>
/// Writes records into a RocksDB store of <see cref="MetricsHarness"/>'s task before its driver
/// opens it, as Streamiz' restore writes a changelog into the store of a restarted task (the SYNC
/// driver cannot restore: each driver is a new, empty cluster).
/// </summary>
internal static class RocksDbSeed
{
    public static void Write(string stateDir, string store, IEnumerable<KeyValuePair<string, byte[]?>> records)
    {
        // Streamiz keeps a task's stores under <StateDir>/<ApplicationId>/<task>/rocksdb/<store>; the
        // harness's window stage reads one topic, so it is task 0-0.
        var path = Path.Combine(stateDir, MetricsHarness.ApplicationId, "0-0", "rocksdb", store);
        Directory.CreateDirectory(path);
        using var db = RocksDb.Open(new DbOptions().SetCreateIfMissing(true), path);
        foreach (var (key, value) in records)
        {
            if (value is null)
            {
                db.Remove(Encoding.UTF8.GetBytes(key));
            }
            else
            {
                db.Put(Encoding.UTF8.GetBytes(key), value);
            }
        }
    }
}
