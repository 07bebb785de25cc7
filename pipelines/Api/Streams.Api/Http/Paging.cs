namespace Streams.Api.Http;

/// <summary>The <c>page</c> (1-based) and <c>pageSize</c> (1-500 unless a route allows more, default 50) query parameters.</summary>
internal readonly record struct Paging(int Page, int PageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public int Offset => (Page - 1) * PageSize;

    /// <summary>The paging asked for, or the validation errors.</summary>
    public static Paging Parse(int? page, int? pageSize, Dictionary<string, string[]> errors) => Parse(page, pageSize, MaxPageSize, errors);

    /// <summary>The paging asked for with a route's own largest page, or the validation errors.</summary>
    public static Paging Parse(int? page, int? pageSize, int maxPageSize, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (page is < 1)
        {
            errors["page"] = ["must be at least 1"];
        }

        if (pageSize is < 1 || pageSize > maxPageSize)
        {
            errors["pageSize"] = [$"must be between 1 and {maxPageSize}"];
        }

        return new Paging(Math.Max(page ?? 1, 1), Math.Clamp(pageSize ?? DefaultPageSize, 1, maxPageSize));
    }

    /// <summary>Pages a list held in memory.</summary>
    public Paged<T> Of<T>(IReadOnlyCollection<T> all) => new([.. all.Skip(Offset).Take(PageSize)], Page, PageSize, all.Count);
}
