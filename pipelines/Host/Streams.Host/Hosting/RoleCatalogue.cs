namespace Streams.Host.Hosting;

/// <summary>The roles this build of <c>streams</c> can run. <c>streams up</c> runs all of them.</summary>
internal static class RoleCatalogue
{
    public const string PlatformRole = "platform";

    public static IReadOnlyList<Role> All { get; } =
    [
        new(PlatformRole,
            "embedded Kafka, Schema Registry and ClickHouse, each unless its external endpoint is configured",
            (services, configuration) => services.AddStreamsPlatform(configuration),
            []),
    ];

    /// <summary>Parses a comma-separated role list.</summary>
    /// <exception cref="ArgumentException">An unknown role; the message lists the known ones.</exception>
    public static IReadOnlyList<Role> Parse(string list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var names = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0)
        {
            throw new ArgumentException($"--roles needs at least one role; this build has: {Names()}.");
        }

        return names
            .Select(name => All.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new ArgumentException($"Unknown role '{name}'; this build has: {Names()}."))
            .Distinct()
            // Registration order is start order: the platform comes up before any stage that uses it.
            .OrderBy(r => All.ToList().IndexOf(r))
            .ToList();
    }

    public static string Names() => string.Join(", ", All.Select(r => r.Name));
}
