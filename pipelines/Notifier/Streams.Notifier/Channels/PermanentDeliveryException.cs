namespace Streams.Notifier.Channels;

/// <summary>A delivery the other side refused for good (a 4xx, a missing setting): not retried.</summary>
internal class PermanentDeliveryException : Exception
{
    public PermanentDeliveryException()
    {
    }

    public PermanentDeliveryException(string message)
        : base(message)
    {
    }

    public PermanentDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
