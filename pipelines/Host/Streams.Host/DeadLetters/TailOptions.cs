namespace Streams.Host.DeadLetters;

/// <summary>What <c>streams deadletter tail</c> shows and how.</summary>
internal sealed record TailOptions(int Last, bool Follow, DeadLetterFilter Filter, bool Json);
