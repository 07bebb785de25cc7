using System.Globalization;
using ClickHouse.Driver;
using ClickHouse.Driver.ADO.Parameters;
using Microsoft.Extensions.Logging;

namespace Streams.Sinks.ClickHouse.Migrations;

/// <summary>
/// Brings a ClickHouse database to the schema of <see cref="MigrationCatalogue"/>: runs each
/// migration not yet recorded in <c>schema_migrations</c>, then records it with its checksum.
/// Every statement is IF NOT EXISTS, so a run cut short (or two sink instances starting
/// together) repeats harmlessly.
/// </summary>
internal sealed class ClickHouseMigrator(ClickHouseClient client, ILogger logger)
{
    private const string CreateHistory =
        "CREATE TABLE IF NOT EXISTS schema_migrations (version UInt32, name String, checksum String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3)) " +
        "ENGINE = ReplacingMergeTree(applied_at) ORDER BY version";

    /// <summary>Applies the pending migrations and returns them (empty when the schema was current).</summary>
    /// <exception cref="InvalidOperationException">An applied migration's file has changed since: migrations are append-only.</exception>
    public async Task<IReadOnlyList<Migration>> ApplyAsync(IReadOnlyList<Migration> migrations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(migrations);
        await client.ExecuteNonQueryAsync(CreateHistory, cancellationToken: cancellationToken);
        var applied = await AppliedAsync(cancellationToken);
        var pending = new List<Migration>();
        foreach (var migration in migrations)
        {
            if (applied.TryGetValue(migration.Version, out var checksum))
            {
                if (checksum != migration.Checksum)
                {
                    throw new InvalidOperationException(
                        $"Migration {migration.Name} was applied with checksum {checksum} but the file now has {migration.Checksum}: " +
                        "applied migrations must not change; add a new NNN_name.sql instead.");
                }

                continue;
            }

            foreach (var statement in migration.Statements())
            {
                await client.ExecuteNonQueryAsync(statement, cancellationToken: cancellationToken);
            }

            await client.InsertBinaryAsync("schema_migrations", ["version", "name", "checksum"],
                [[(uint)migration.Version, migration.Name, migration.Checksum]], cancellationToken: cancellationToken);
            logger.LogInformation("Applied ClickHouse migration {Migration}", migration.Name);
            pending.Add(migration);
        }

        return pending;
    }

    /// <summary>Sets metrics_raw's TTL to <paramref name="days"/> unless it already is.</summary>
    public async Task EnsureMetricsRawTtlAsync(int days, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        var engine = (string?)await client.ExecuteScalarAsync(
            "SELECT engine_full FROM system.tables WHERE database = currentDatabase() AND name = 'metrics_raw'", cancellationToken: cancellationToken)
            ?? throw new InvalidOperationException("metrics_raw does not exist: apply the migrations first.");
        var wanted = string.Create(CultureInfo.InvariantCulture, $"toIntervalDay({days})");
        if (engine.Contains(wanted, StringComparison.Ordinal))
        {
            return;
        }

        // Rewriting every existing part for a TTL change is a heavy mutation; expired rows go at
        // the next merge instead.
        await client.ExecuteNonQueryAsync(
            $"ALTER TABLE metrics_raw MODIFY TTL toDateTime(ts) + {wanted} SETTINGS materialize_ttl_after_modify = 0", cancellationToken: cancellationToken);
        logger.LogInformation("metrics_raw TTL set to {Days} days", days);
    }

    private async Task<Dictionary<int, string>> AppliedAsync(CancellationToken cancellationToken)
    {
        var applied = new Dictionary<int, string>();
        using var reader = await client.ExecuteReaderAsync(
            "SELECT version, argMax(checksum, applied_at) FROM schema_migrations GROUP BY version", new ClickHouseParameterCollection(),
            cancellationToken: cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied[(int)reader.GetFieldValue<uint>(0)] = reader.GetString(1);
        }

        return applied;
    }
}
