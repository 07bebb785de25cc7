using System.Data.Common;
using ClickHouse.Driver;
using ClickHouse.Driver.ADO.Parameters;
using Streams.Platform.ClickHouse;

namespace Streams.Api.Data;

/// <summary>
/// The API's ClickHouse client. Every user value goes in as a <c>{name:Type}</c> parameter; the
/// client is made on first use because the endpoint is only known once the host has started.
/// Analyst SQL gets an instance of its own, as the read-only user when one is configured.
/// </summary>
internal sealed class ApiClickHouse(IClickHouseEndpoint endpoint, string? username = null, string? password = null) : IDisposable
{
    private readonly Lazy<DbConnectionStringBuilder> settings = new(() => ConnectionString(endpoint, username, password));
    private readonly Lazy<ClickHouseClient> client = new(() => new ClickHouseClient(ConnectionString(endpoint, username, password).ConnectionString));

    /// <summary>The database unqualified table names resolve to.</summary>
    public string Database => settings.Value.TryGetValue("Database", out var database) && database is string { Length: > 0 } name ? name : "default";

    public async Task<List<T>> QueryAsync<T>(string sql, IReadOnlyDictionary<string, object> parameters, Func<DbDataReader, T> map, CancellationToken cancellationToken, QueryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        var rows = new List<T>();
        using var reader = await client.Value.ExecuteReaderAsync(sql, Parameters(parameters), options, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    public async Task<long> CountAsync(string sql, IReadOnlyDictionary<string, object> parameters, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(sql, parameters, r => Row.Long(r, 0), cancellationToken);
        return rows.Count == 0 ? 0 : rows[0];
    }

    /// <summary>Runs <paramref name="sql"/> and hands the open reader to <paramref name="read"/> (the SQL endpoint reads columns it does not know in advance).</summary>
    public async Task<T> ReadAsync<T>(string sql, QueryOptions options, Func<DbDataReader, Task<T>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        using var reader = await client.Value.ExecuteReaderAsync(sql, new ClickHouseParameterCollection(), options, cancellationToken);
        return await read(reader);
    }

    public void Dispose()
    {
        if (client.IsValueCreated)
        {
            client.Value.Dispose();
        }
    }

    private static DbConnectionStringBuilder ConnectionString(IClickHouseEndpoint endpoint, string? username, string? password)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = endpoint.ConnectionString };
        if (endpoint.IsEmbedded)
        {
            // The embedded endpoint does not speak ClickHouse's native block compression (see the README).
            builder["Compression"] = "false";
        }

        if (!string.IsNullOrEmpty(username))
        {
            builder["Username"] = username;
            builder["Password"] = password ?? string.Empty;
        }

        return builder;
    }

    private static ClickHouseParameterCollection Parameters(IReadOnlyDictionary<string, object> parameters)
    {
        var collection = new ClickHouseParameterCollection();
        foreach (var (name, value) in parameters)
        {
            collection.Add(new ClickHouseDbParameter { ParameterName = name, Value = value });
        }

        return collection;
    }
}
