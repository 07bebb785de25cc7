namespace Streams.System.Tests;

/// <summary>The environment variables that make a fault test a longer soak than the CI run.</summary>
internal static class SoakSettings
{
    /// <summary>The positive whole number in <paramref name="name"/>, or <paramref name="fallback"/>.</summary>
    public static int Number(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var value) && value > 0 ? value : fallback;
}
