using System.Diagnostics;

namespace Streams.Notifier;

/// <summary>The notifier's spans: one per alert record it plans notifications for, child of the alert's trace.</summary>
internal static class NotifierTracing
{
    public static readonly ActivitySource Source = new("Streams.Notifier");
}
