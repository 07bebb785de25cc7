namespace Streams.System.Tests;

/// <summary>One alert in a body the notifier posted to a webhook: when it arrived, whose it is, which episode (fingerprint and start) and in what state.</summary>
internal sealed record NotifiedAlert(DateTime At, string Host, string Fingerprint, long StartsAt, string State);
