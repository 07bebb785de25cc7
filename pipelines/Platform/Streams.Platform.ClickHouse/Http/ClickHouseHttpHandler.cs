using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Streams.Platform.ClickHouse.Native;

namespace Streams.Platform.ClickHouse.Http;

/// <summary>
/// ClickHouse's HTTP interface over chDB: the request is the <c>query</c> URL parameter, a
/// newline, then the body (as ClickHouse concatenates them); an INSERT's data after its FORMAT
/// clause is streamed into chDB, anything else runs as one query whose result is the response.
/// </summary>
internal sealed class ClickHouseHttpHandler(ChDbEngine engine, ChDbServerInfo server, ILogger logger)
{
    private const int ChunkBytes = 1 << 20;

    // ClickHouse's max_query_size is 256 KiB; a larger SQL text here is a client mistake.
    private const int MaxQueryBytes = 16 << 20;

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var response = context.Response;
        if (request.Path == "/ping" || (request.Path == "/" && HttpMethods.IsGet(request.Method) && !request.Query.ContainsKey("query")))
        {
            await WriteTextAsync(response, StatusCodes.Status200OK, "Ok.\n", context.RequestAborted);
            return;
        }

        var queryId = RequestParameters.QueryIdOf(request.Query);
        logger.LogDebug("ClickHouse request {QueryId}: {Method} {Path}{QueryString}", queryId, request.Method, request.Path, request.QueryString);
        try
        {
            if (request.Path != "/")
            {
                throw ChDbException.Create(1, "UNSUPPORTED_METHOD", $"There is no handle {request.Path}; use / or /ping");
            }

            if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsPost(request.Method))
            {
                throw ChDbException.Create(1, "UNSUPPORTED_METHOD", $"HTTP method {request.Method} is not supported; use GET or POST");
            }

            var parameters = RequestParameters.Parse(request.Query, server.SettingNames, queryId);
            await ExecuteAsync(context, parameters, context.RequestAborted);
        }
        catch (ChDbException ex)
        {
            logger.LogDebug("ClickHouse request {QueryId} failed: {Message}", queryId, ex.Message);
            if (response.HasStarted)
            {
                throw;
            }

            response.Headers["X-ClickHouse-Query-Id"] = queryId;
            response.Headers["X-ClickHouse-Exception-Code"] = ex.Code.ToString(CultureInfo.InvariantCulture);
            var message = ex.Message.Contains("(version ", StringComparison.Ordinal)
                ? ex.Message
                : $"{ex.Message} (version {server.Version})";
            await WriteTextAsync(response, ErrorStatus.For(ex.Name), message + "\n", context.RequestAborted);
        }
    }

    private static async Task WriteTextAsync(HttpResponse response, int status, string text, CancellationToken cancellationToken)
    {
        response.StatusCode = status;
        response.ContentType = "text/plain; charset=UTF-8";
        var bytes = Encoding.UTF8.GetBytes(text);
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, cancellationToken);
    }

    private async Task ExecuteAsync(HttpContext context, RequestParameters parameters, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var queryText = request.Query["query"].ToString();
        var prefix = Encoding.UTF8.GetBytes(queryText);
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(ChunkBytes, prefix.Length + ChunkBytes));
        await using var body = HttpMethods.IsPost(request.Method) ? RequestBody.Open(request) : Stream.Null;
        try
        {
            prefix.CopyTo(buffer, 0);
            var filled = prefix.Length;
            var first = await RequestBody.ReadAsync(body, buffer.AsMemory(filled + 1, buffer.Length - filled - 1), cancellationToken);
            if (first > 0 && prefix.Length > 0)
            {
                // ClickHouse reads the query parameter, a newline, then the body as one text.
                buffer[filled++] = (byte)'\n';
                filled += first;
            }
            else if (first > 0)
            {
                buffer.AsSpan(1, first).CopyTo(buffer);
                filled = first;
            }

            var complete = first == 0;
            var split = SqlScanner.SplitInsert(buffer.AsSpan(0, filled), complete);
            while (split.Kind == InsertSplitKind.NeedMore || (split.Kind == InsertSplitKind.NotInsert && !complete))
            {
                if (filled == buffer.Length)
                {
                    buffer = Grow(buffer, filled);
                }

                var read = await RequestBody.ReadAsync(body, buffer.AsMemory(filled), cancellationToken);
                filled += read;
                complete = read == 0;
                split = SqlScanner.SplitInsert(buffer.AsSpan(0, filled), complete);
            }

            if (split.Kind == InsertSplitKind.Insert)
            {
                await InsertAsync(context.Response, parameters, split, buffer, filled, body, cancellationToken);
            }
            else
            {
                await QueryAsync(context.Response, parameters, buffer.AsMemory(0, filled), cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static byte[] Grow(byte[] buffer, int filled)
    {
        if (buffer.Length >= MaxQueryBytes)
        {
            throw ChDbException.Create(229, "QUERY_IS_TOO_LARGE",
                FormattableString.Invariant($"The query is larger than {MaxQueryBytes >> 20} MiB; send INSERT data after a FORMAT clause"));
        }

        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        buffer.AsSpan(0, filled).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
    }

    private async Task InsertAsync(HttpResponse response, RequestParameters parameters, InsertSplit split, byte[] buffer,
        int filled, Stream body, CancellationToken cancellationToken)
    {
        var connection = await engine.RentAsync(cancellationToken);
        connection.Tainted = LocksSession(parameters);
        ChDbResult result;
        try
        {
            using var insert = await BlockingCall.RunAsync(() =>
            {
                connection.Prepare(parameters.Database, parameters.Settings);
                var stream = connection.BeginInsert(buffer.AsSpan(0, split.StatementLength), split.Format!, parameters.Parameters);
                try
                {
                    stream.Append(buffer.AsSpan(split.DataOffset, filled - split.DataOffset));
                    return stream;
                }
                catch
                {
                    stream.Dispose();
                    throw;
                }
            });
            int read;
            while ((read = await RequestBody.ReadAsync(body, buffer, cancellationToken)) > 0)
            {
                await BlockingCall.RunAsync(() => insert.Append(buffer.AsSpan(0, read)));
            }

            result = await BlockingCall.RunAsync(insert.Complete);
        }
        finally
        {
            engine.Return(connection);
        }

        using (result)
        {
            WriteHeaders(response, parameters, parameters.DefaultFormat, result);
            response.ContentLength = 0;
        }
    }

    private async Task QueryAsync(HttpResponse response, RequestParameters parameters, ReadOnlyMemory<byte> sql, CancellationToken cancellationToken)
    {
        var keyword = SqlScanner.FirstKeyword(sql.Span);
        if (sql.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            throw ChDbException.Create(62, "SYNTAX_ERROR", "Empty query");
        }

        var format = SqlScanner.FindOutputFormat(sql.Span) ?? parameters.DefaultFormat;
        var connection = await engine.RentAsync(cancellationToken);
        ChDbResult result;
        try
        {
            // Session-scoped statements change state Prepare does not track; without a
            // session ClickHouse forgets them after the request, so the connection is replaced.
            connection.Tainted = keyword is "SET" or "USE" or "SYSTEM" || LocksSession(parameters);
            result = await BlockingCall.RunAsync(() =>
            {
                connection.Prepare(parameters.Database, parameters.Settings);
                return connection.Query(sql.Span, parameters.DefaultFormat, parameters.Parameters);
            });
        }
        finally
        {
            engine.Return(connection);
        }

        using (result)
        {
            WriteHeaders(response, parameters, format, result);
            response.ContentType = ContentType(format);
            response.ContentLength = result.Length;
            for (long offset = 0; offset < result.Length;)
            {
                var memory = response.BodyWriter.GetMemory((int)Math.Min(ChunkBytes, result.Length - offset));
                var copied = result.CopyTo(offset, memory.Span);
                response.BodyWriter.Advance(copied);
                offset += copied;
                await response.BodyWriter.FlushAsync(cancellationToken);
            }
        }
    }

    // readonly may not be changed while it is on, so a connection that ran one such request could
    // never be reset for the next (the sink's inserts among them): it is replaced instead.
    private static bool LocksSession(RequestParameters parameters) =>
        parameters.Settings.TryGetValue("readonly", out var readOnly) && readOnly != "0";

    private void WriteHeaders(HttpResponse response, RequestParameters parameters, string format, ChDbResult result)
    {
        response.StatusCode = StatusCodes.Status200OK;
        var headers = response.Headers;
        headers["X-ClickHouse-Query-Id"] = parameters.QueryId;
        headers["X-ClickHouse-Format"] = format;
        headers["X-ClickHouse-Timezone"] = server.Timezone;
        headers["X-ClickHouse-Server-Display-Name"] = "streams-embedded-chdb";
        headers["X-ClickHouse-Summary"] = string.Create(CultureInfo.InvariantCulture,
            $"{{\"read_rows\":\"{result.StorageRowsRead}\",\"read_bytes\":\"{result.StorageBytesRead}\",\"written_rows\":\"{result.RowsWritten}\",\"written_bytes\":\"{result.BytesWritten}\",\"total_rows_to_read\":\"{result.StorageRowsRead}\",\"result_rows\":\"{result.RowsRead}\",\"result_bytes\":\"{result.BytesRead}\",\"elapsed_ns\":\"{(long)(result.ElapsedSeconds * 1e9)}\"}}");
    }

    private static string ContentType(string format)
    {
        var upper = format.ToUpperInvariant();
        return upper switch
        {
            _ when upper.StartsWith("TABSEPARATED", StringComparison.Ordinal) || upper.StartsWith("TSV", StringComparison.Ordinal)
                => "text/tab-separated-values; charset=UTF-8",
            _ when upper.StartsWith("CSV", StringComparison.Ordinal) => "text/csv; charset=UTF-8; header=absent",
            _ when upper.StartsWith("JSON", StringComparison.Ordinal) => "application/json; charset=UTF-8",
            _ when upper.StartsWith("PRETTY", StringComparison.Ordinal) || upper is "VERTICAL" or "MARKDOWN" or "VALUES"
                => "text/plain; charset=UTF-8",
            _ => "application/octet-stream",
        };
    }
}
