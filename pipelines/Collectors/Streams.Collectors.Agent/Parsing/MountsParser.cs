using System.Text;

namespace Streams.Collectors.Agent.Parsing;

/// <summary>
/// Parses /proc/mounts and keeps the filesystems worth a usage series: the pseudo filesystems and
/// container-runtime mounts node_exporter ignores are skipped, and a mount point mounted twice is kept once.
/// </summary>
internal static class MountsParser
{
    private static readonly HashSet<string> IgnoredTypes = new(StringComparer.Ordinal)
    {
        "autofs", "binfmt_misc", "bpf", "cgroup", "cgroup2", "configfs", "debugfs", "devpts", "devtmpfs", "fusectl",
        "hugetlbfs", "iso9660", "mqueue", "nsfs", "overlay", "proc", "procfs", "pstore", "rpc_pipefs", "securityfs",
        "selinuxfs", "squashfs", "erofs", "sysfs", "tracefs", "ramfs",
    };

    private static readonly string[] IgnoredMountPrefixes = ["/dev", "/proc", "/sys", "/run/credentials/", "/var/lib/docker/", "/var/lib/containers/storage/"];

    public static void Parse(ReadOnlySpan<char> text, NameCache names, List<Mount> into)
    {
        into.Clear();
        foreach (var line in text.EnumerateLines())
        {
            var fields = new FieldReader(line);
            if (!fields.TryNext(out var device) || !fields.TryNext(out var mountPoint) || !fields.TryNext(out var fileSystem))
            {
                continue;
            }

            var type = names.Get(fileSystem);
            var point = names.Get(mountPoint.Contains('\\') ? Unescape(mountPoint) : mountPoint);
            if (IgnoredTypes.Contains(type) || IsIgnoredMountPoint(point) || into.Exists(m => m.MountPoint == point))
            {
                continue;
            }

            into.Add(new Mount(names.Get(device), point, type));
        }
    }

    private static bool IsIgnoredMountPoint(string point)
    {
        foreach (var prefix in IgnoredMountPrefixes)
        {
            if (prefix.EndsWith('/') ? point.StartsWith(prefix, StringComparison.Ordinal)
                    : point == prefix || point.StartsWith(prefix + "/", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The kernel writes space, tab, newline and backslash in a mount point as octal escapes (<c>\040</c>).</summary>
    private static string Unescape(ReadOnlySpan<char> escaped)
    {
        var builder = new StringBuilder(escaped.Length);
        for (var i = 0; i < escaped.Length; i++)
        {
            if (escaped[i] == '\\' && i + 3 < escaped.Length && IsOctal(escaped[i + 1]) && IsOctal(escaped[i + 2]) && IsOctal(escaped[i + 3]))
            {
                builder.Append((char)(((escaped[i + 1] - '0') * 64) + ((escaped[i + 2] - '0') * 8) + (escaped[i + 3] - '0')));
                i += 3;
            }
            else
            {
                builder.Append(escaped[i]);
            }
        }

        return builder.ToString();
    }

    private static bool IsOctal(char c) => c is >= '0' and <= '7';
}
