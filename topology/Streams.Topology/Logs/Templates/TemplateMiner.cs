namespace Streams.Topology.Logs.Templates;

/// <summary>
/// The Drain parsers of one task, one per host and application, and the layout of their state
/// store: one entry per template, keyed host, app, id, so that a line rewrites one small entry
/// and one host's templates sit together in RocksDB.
/// </summary>
internal sealed class TemplateMiner(LogTemplateOptions options)
{
    // Separates host, app and template id in a store key; not a character of any of them.
    private const char KeySeparator = '\u001f';

    private readonly Dictionary<(string Host, string App), DrainParser> parsers = [];

    public static string Key(string host, string app, string id) => string.Join(KeySeparator, host, app, id);

    /// <summary>Rebuilds the parsers from the store's entries, as they come back from its changelog.</summary>
    public void Restore(IEnumerable<KeyValuePair<string, LogTemplate>> entries)
    {
        foreach (var (key, template) in entries)
        {
            var parts = key.Split(KeySeparator, 3);
            Parser(parts[0], parts[1]).Restore(template);
        }
    }

    public TemplateMatch Add(string host, string app, string message, long eventTime) => Parser(host, app).Add(message, eventTime);

    private DrainParser Parser(string host, string app)
    {
        if (!parsers.TryGetValue((host, app), out var parser))
        {
            parser = new DrainParser(app, options);
            parsers[(host, app)] = parser;
        }

        return parser;
    }
}
