namespace Streams.Api.Http;

/// <summary>One page of a list: <c>{ items, page, pageSize, total }</c>.</summary>
internal sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total);
