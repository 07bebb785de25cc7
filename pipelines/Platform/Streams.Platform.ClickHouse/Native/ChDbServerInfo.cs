using System.Text;

namespace Streams.Platform.ClickHouse.Native;

/// <summary>Facts about the engine the HTTP endpoint reports or checks requests against.</summary>
internal sealed record ChDbServerInfo(string Version, string Timezone, IReadOnlySet<string> SettingNames)
{
    public static ChDbServerInfo Read(ChDbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        string[] facts;
        using (var result = connection.Query("SELECT version(), timezone()", "TabSeparated"))
        {
            facts = Encoding.UTF8.GetString(result.Data).TrimEnd('\n').Split('\t');
        }

        using var names = connection.Query("SELECT name FROM system.settings", "TabSeparated");
        var settings = Encoding.UTF8.GetString(names.Data).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return new ChDbServerInfo(facts[0], facts[1], settings.ToHashSet(StringComparer.Ordinal));
    }
}
