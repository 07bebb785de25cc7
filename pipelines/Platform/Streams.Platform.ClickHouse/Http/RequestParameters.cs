using Microsoft.AspNetCore.Http;
using Streams.Platform.ClickHouse.Native;

namespace Streams.Platform.ClickHouse.Http;

/// <summary>
/// The URL parameters of a ClickHouse HTTP request: interface parameters, <c>param_*</c> query
/// parameters, and settings (every other name, as in ClickHouse).
/// </summary>
internal sealed class RequestParameters
{
    // Parameters of ClickHouse's HTTP interface itself, not settings (HTTPHandler's reserved names).
    private static readonly HashSet<string> Interface = new(StringComparer.Ordinal)
    {
        "query", "database", "default_format", "query_id", "session_id", "session_timeout",
        "session_check", "close_session", "compress", "decompress", "user", "password", "quota_key",
        "stacktrace", "role", "buffer_size", "wait_end_of_query", "client_protocol_version",
    };

    // Settings about ClickHouse's HTTP transport (response compression, progress headers,
    // buffering); this endpoint answers uncompressed and buffered, so they change nothing.
    private static readonly HashSet<string> Transport = new(StringComparer.Ordinal)
    {
        "enable_http_compression", "http_zlib_compression_level", "send_progress_in_http_headers",
        "http_headers_progress_interval_ms", "http_wait_end_of_query", "http_response_buffer_size",
        "add_http_cors_header", "http_native_compression_disable_checksumming_on_decompress",
        "cancel_http_readonly_queries_on_client_close",
    };

    private RequestParameters(IQueryCollection query, IReadOnlySet<string> knownSettings, string queryId)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        var parameters = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in query)
        {
            var value = values.Count > 0 ? values[^1] ?? string.Empty : string.Empty;
            if (name.StartsWith("param_", StringComparison.Ordinal))
            {
                parameters.Add(new(name["param_".Length..], value));
            }
            else if (Interface.Contains(name) || Transport.Contains(name))
            {
                continue;
            }
            else if (!SqlLiteral.IsPlainIdentifier(name) || !knownSettings.Contains(name))
            {
                throw ChDbException.Create(115, "UNKNOWN_SETTING", $"Unknown setting '{name}'");
            }
            else
            {
                settings[name] = value;
            }
        }

        if (query["compress"] == "1" || query["decompress"] == "1")
        {
            throw ChDbException.Create(48, "NOT_IMPLEMENTED",
                "ClickHouse native block compression (compress=1, decompress=1) is not supported by the embedded endpoint; use HTTP Content-Encoding");
        }

        Database = string.IsNullOrEmpty(query["database"]) ? ChDbConnection.DefaultDatabase : query["database"].ToString();
        DefaultFormat = string.IsNullOrEmpty(query["default_format"]) ? "TabSeparated" : query["default_format"].ToString();
        QueryId = queryId;
        Settings = settings;
        Parameters = parameters;
    }

    public string Database { get; }

    public string DefaultFormat { get; }

    public string QueryId { get; }

    public IReadOnlyDictionary<string, string> Settings { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; }

    public static RequestParameters Parse(IQueryCollection query, IReadOnlySet<string> knownSettings, string queryId)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(knownSettings);
        ArgumentNullException.ThrowIfNull(queryId);
        return new RequestParameters(query, knownSettings, queryId);
    }

    /// <summary>The client's query id, or a new one; echoed even when the rest fails to parse.</summary>
    public static string QueryIdOf(IQueryCollection query) =>
        string.IsNullOrEmpty(query["query_id"]) ? Guid.NewGuid().ToString() : query["query_id"].ToString();
}
