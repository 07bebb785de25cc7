using System.Text.Json.Serialization;

namespace Streams.Alerting.Rules;

/// <summary>How a threshold rule compares the observed value with its threshold.</summary>
public enum Comparator
{
    [JsonStringEnumMemberName(">")]
    Above,

    [JsonStringEnumMemberName(">=")]
    AtLeast,

    [JsonStringEnumMemberName("<")]
    Below,

    [JsonStringEnumMemberName("<=")]
    AtMost,
}
