namespace Streams.Host.DeadLetters;

/// <summary>Which dead letters to show: null matches any; codes compare ignoring case.</summary>
internal sealed record DeadLetterFilter(string? Reason = null, string? Stage = null)
{
    public bool IsEmpty => Reason is null && Stage is null;

    public bool Matches(DeadLetterRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return (Reason is null || string.Equals(Reason, record.Reason, StringComparison.OrdinalIgnoreCase))
            && (Stage is null || string.Equals(Stage, record.Stage, StringComparison.OrdinalIgnoreCase));
    }
}
