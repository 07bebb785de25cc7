using Microsoft.AspNetCore.Connections;

namespace Streams.Host.Hosting;

/// <summary>Turns a failure to start into the one line a person needs: what went wrong and what to do.</summary>
internal static class StartupError
{
    public const int ExitCode = 2;

    public static int Report(Exception error)
    {
        Console.Error.WriteLine("streams: " + Describe(error));
        return ExitCode;
    }

    public static string Describe(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var root = error is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : error;
        if (root is IOException { InnerException: AddressInUseException } bind)
        {
            // Kestrel's own text ("Failed to bind to address …: address already in use.") names no option.
            return OneLine(bind.Message) + " Stop what holds the port or set Api:Port to another one.";
        }

        return OneLine(root.Message);
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
