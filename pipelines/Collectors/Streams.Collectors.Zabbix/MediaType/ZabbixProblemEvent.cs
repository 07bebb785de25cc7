using System.Text.Json.Serialization;

namespace Streams.Collectors.Zabbix.MediaType;

/// <summary>
/// What a Zabbix webhook media type posts (its parameters, filled from Zabbix macros):
/// <c>{EVENT.ID}</c>, <c>{EVENT.VALUE}</c> (1 problem, 0 recovery), <c>{EVENT.NSEVERITY}</c>
/// (0 not classified … 5 disaster), <c>{HOST.NAME}</c>, <c>{EVENT.NAME}</c>, <c>{EVENT.STATUS}</c>,
/// <c>{ITEM.KEY1}</c>, <c>{ITEM.VALUE1}</c>, <c>{EVENT.DATE} {EVENT.TIME}</c> and <c>{EVENT.TAGSJSON}</c>.
/// </summary>
internal sealed record ZabbixProblemEvent(
    [property: JsonPropertyName("event_id")] string? EventId,
    [property: JsonPropertyName("event_value")] string? EventValue,
    [property: JsonPropertyName("severity")] string? Severity,
    [property: JsonPropertyName("host")] string? Host,
    [property: JsonPropertyName("trigger")] string? Trigger,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("item_key")] string? ItemKey,
    [property: JsonPropertyName("item_value")] string? ItemValue,
    [property: JsonPropertyName("date")] string? Date,
    [property: JsonPropertyName("clock")] string? Clock,
    [property: JsonPropertyName("tags")] string? Tags);
