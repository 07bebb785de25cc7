namespace Streams.Alerting.Config;

/// <summary>
/// Keys of the compacted <c>alert-rules</c> topic, which holds every piece of alerting
/// configuration that stages share at run time: <c>rule:&lt;id&gt;</c>,
/// <c>preference:&lt;id&gt;</c>, <c>silence:&lt;id&gt;</c> and <c>ack:&lt;fingerprint&gt;</c>.
/// One topic, so a reader catches up on all of it at once and a key's kind is in its prefix.
/// </summary>
public static class AlertConfigKey
{
    public const string RulePrefix = "rule:";
    public const string PreferencePrefix = "preference:";
    public const string SilencePrefix = "silence:";
    public const string AckPrefix = "ack:";

    public static string Rule(string id) => RulePrefix + id;

    public static string Preference(string id) => PreferencePrefix + id;

    public static string Silence(string id) => SilencePrefix + id;

    public static string Ack(string fingerprint) => AckPrefix + fingerprint;

    /// <summary>Splits a key into its kind prefix and id; false for a key of no known kind.</summary>
    public static bool TryParse(string key, out string prefix, out string id)
    {
        ArgumentNullException.ThrowIfNull(key);
        foreach (var known in (string[])[RulePrefix, PreferencePrefix, SilencePrefix, AckPrefix])
        {
            if (key.StartsWith(known, StringComparison.Ordinal) && key.Length > known.Length)
            {
                prefix = known;
                id = key[known.Length..];
                return true;
            }
        }

        prefix = id = string.Empty;
        return false;
    }
}
