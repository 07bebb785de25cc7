using Microsoft.AspNetCore.Http;

namespace Streams.Api.Http;

/// <summary>The RFC 7807 answers the routes share.</summary>
internal static class ApiProblems
{
    public static IResult Validation(IDictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, detail: "The request has invalid fields; see errors.", title: "Validation failed");

    /// <summary>Validation errors written as <c>field: message</c> (RuleValidator, PreferenceValidator, silences), grouped by field.</summary>
    public static IResult Validation(IEnumerable<string> fieldMessages) =>
        Validation(ByField(fieldMessages));

    public static Dictionary<string, string[]> ByField(IEnumerable<string> fieldMessages) =>
        fieldMessages
            .Select(m => m.IndexOf(": ", StringComparison.Ordinal) is var cut and > 0 && !m[..cut].Contains(' ', StringComparison.Ordinal)
                ? (Field: m[..cut], Message: m[(cut + 2)..])
                : (Field: "$", Message: m))
            .GroupBy(e => e.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);

    public static IResult NotFound(string detail) =>
        Results.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static IResult BadRequest(string detail) =>
        Results.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request");
}
