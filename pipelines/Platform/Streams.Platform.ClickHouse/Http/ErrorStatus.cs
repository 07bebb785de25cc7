using Microsoft.AspNetCore.Http;

namespace Streams.Platform.ClickHouse.Http;

/// <summary>
/// HTTP status for a ClickHouse error name, after ClickHouse's own HTTP handler
/// (exceptionCodeToHTTPStatus): bad input 400, unknown objects 404, everything else 500.
/// </summary>
internal static class ErrorStatus
{
    private static readonly HashSet<string> BadRequest = new(StringComparer.Ordinal)
    {
        "CANNOT_PARSE_TEXT", "CANNOT_PARSE_ESCAPE_SEQUENCE", "CANNOT_PARSE_QUOTED_STRING",
        "CANNOT_PARSE_INPUT_ASSERTION_FAILED", "CANNOT_PARSE_DATE", "CANNOT_PARSE_DATETIME",
        "CANNOT_PARSE_NUMBER", "CANNOT_PARSE_DOMAIN_VALUE_FROM_STRING", "CANNOT_PARSE_IPV4",
        "CANNOT_PARSE_IPV6", "CANNOT_PARSE_UUID", "CANNOT_PARSE_BOOL", "CANNOT_READ_ALL_DATA",
        "UNKNOWN_ELEMENT_IN_AST", "UNKNOWN_TYPE_OF_AST_NODE", "TOO_DEEP_AST", "TOO_BIG_AST",
        "UNEXPECTED_AST_STRUCTURE", "SYNTAX_ERROR", "INCORRECT_DATA", "TYPE_MISMATCH",
        "BAD_ARGUMENTS", "BAD_QUERY_PARAMETER", "UNKNOWN_QUERY_PARAMETER", "EMPTY_QUERY",
        "INVALID_SETTING_VALUE", "CANNOT_DECOMPRESS", "ILLEGAL_TYPE_OF_ARGUMENT",
        "NUMBER_OF_ARGUMENTS_DOESNT_MATCH", "VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE",
    };

    private static readonly HashSet<string> NotFound = new(StringComparer.Ordinal)
    {
        "UNKNOWN_TABLE", "UNKNOWN_FUNCTION", "UNKNOWN_IDENTIFIER", "UNKNOWN_TYPE", "UNKNOWN_STORAGE",
        "UNKNOWN_DATABASE", "UNKNOWN_SETTING", "UNKNOWN_DIRECTION_OF_SORTING",
        "UNKNOWN_AGGREGATE_FUNCTION", "UNKNOWN_FORMAT", "UNKNOWN_DATABASE_ENGINE",
        "UNKNOWN_TYPE_OF_QUERY", "UNKNOWN_ROLE", "UNKNOWN_COMPRESSION_METHOD",
    };

    public static int For(string? errorName) => errorName switch
    {
        null => StatusCodes.Status500InternalServerError,
        "QUERY_IS_TOO_LARGE" => StatusCodes.Status413PayloadTooLarge,
        "NOT_IMPLEMENTED" => StatusCodes.Status501NotImplemented,
        "TIMEOUT_EXCEEDED" => StatusCodes.Status504GatewayTimeout,
        "UNSUPPORTED_METHOD" => StatusCodes.Status405MethodNotAllowed,
        _ when BadRequest.Contains(errorName) => StatusCodes.Status400BadRequest,
        _ when NotFound.Contains(errorName) => StatusCodes.Status404NotFound,
        _ => StatusCodes.Status500InternalServerError,
    };
}
