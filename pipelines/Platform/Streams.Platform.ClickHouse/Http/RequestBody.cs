using System.IO.Compression;
using Microsoft.AspNetCore.Http;
using Streams.Platform.ClickHouse.Native;
using ZstdSharp;

namespace Streams.Platform.ClickHouse.Http;

/// <summary>The request body, decoded from its <c>Content-Encoding</c> as ClickHouse does.</summary>
internal static class RequestBody
{
    public static Stream Open(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var encoding = request.Headers.ContentEncoding.ToString().Trim();
        return encoding.ToUpperInvariant() switch
        {
            "" or "IDENTITY" => request.Body,
            "GZIP" or "X-GZIP" => new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true),
            "DEFLATE" => new ZLibStream(request.Body, CompressionMode.Decompress, leaveOpen: true),
            "BR" => new BrotliStream(request.Body, CompressionMode.Decompress, leaveOpen: true),
            "ZSTD" => new DecompressionStream(request.Body, leaveOpen: true),
            _ => throw ChDbException.Create(89, "UNKNOWN_COMPRESSION_METHOD",
                $"Unknown HTTP Content-Encoding '{encoding}'; the embedded endpoint reads gzip, deflate, br and zstd"),
        };
    }

    /// <summary>Fills <paramref name="buffer"/> as far as the body allows; 0 means the body ended.</summary>
    public static async ValueTask<int> ReadAsync(Stream body, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        try
        {
            return await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or ZstdException)
        {
            throw ChDbException.Create(271, "CANNOT_DECOMPRESS", $"Cannot decompress the request body: {ex.Message}");
        }
    }
}
