namespace Streams.Notifier.Channels;

/// <summary>
/// The target policy refused where a delivery would connect (<c>Notifier:Targets</c>): nothing was
/// sent, and retrying cannot change the answer. The message is the audited reason,
/// e.g. <c>target-refused: 169.254.169.254 is link-local (cloud metadata)</c>.
/// </summary>
internal sealed class TargetRefusedException : PermanentDeliveryException
{
    public TargetRefusedException()
    {
    }

    public TargetRefusedException(string reason)
        : base("target-refused: " + reason)
    {
    }

    public TargetRefusedException(string reason, Exception innerException)
        : base("target-refused: " + reason, innerException)
    {
    }
}
