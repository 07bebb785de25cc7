using System.Globalization;

namespace Streams.Topology.Logs.Templates;

/// <summary>
/// Drain (He, Zhu, Zheng and Lyu, "Drain: An Online Log Parsing Approach with Fixed Depth Tree",
/// ICWS 2017) for the lines of one application on one host. A line is masked and tokenised, routed
/// down a fixed-depth prefix tree by its token count and first tokens (tokens with digits through
/// the <c>&lt;*&gt;</c> branch), and joins the most similar template of the leaf it reaches if the
/// similarity reaches the threshold; otherwise it becomes a new template. Joining turns the
/// positions where line and template differ into variables. At most
/// <see cref="LogTemplateOptions.MaxTemplatesPerApp"/> templates are kept (eviction rule there).
/// </summary>
internal sealed class DrainParser(string app, LogTemplateOptions options)
{
    private readonly Node root = new();
    private readonly Dictionary<string, LogTemplate> templates = new(StringComparer.Ordinal);

    public IReadOnlyCollection<LogTemplate> Templates => templates.Values;

    /// <summary>Files <paramref name="message"/> under a template, creating one (and evicting one) as needed.</summary>
    /// <param name="message">The log message.</param>
    /// <param name="eventTime">The line's event time, UTC milliseconds.</param>
    public TemplateMatch Add(string message, long eventTime)
    {
        ArgumentNullException.ThrowIfNull(message);
        var line = VariableMasker.Tokens(message, options.MaxTokens);
        var template = BestMatch(line);
        var isNew = false;
        LogTemplate? evicted = null;
        if (template is null)
        {
            var id = TemplateId.Of(app, string.Join(' ', line));

            // A template that generalised past the threshold no longer matches the very line it was
            // made from; that line must still get its id back rather than a second template with it.
            if (!templates.TryGetValue(id, out template))
            {
                evicted = templates.Count >= options.MaxTemplatesPerApp ? LeastRecent() : null;
                if (evicted is not null)
                {
                    Remove(evicted);
                }

                template = new LogTemplate(id, line, NewPath(line));
                Restore(template);
                isNew = true;
            }
        }

        template.Generalise(line);
        template.Count++;
        template.LastSeen = isNew ? eventTime : Math.Max(template.LastSeen, eventTime);
        return new TemplateMatch(template, isNew, evicted);
    }

    /// <summary>Puts back a template as it was saved, on the branch it was filed under; it replaces one with its id.</summary>
    public void Restore(LogTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (templates.TryGetValue(template.Id, out var existing))
        {
            Remove(existing);
        }

        var node = root.Child(template.Tokens.Length.ToString(CultureInfo.InvariantCulture));
        foreach (var key in template.Path)
        {
            node = node.Child(key);
        }

        node.Templates.Add(template);
        templates[template.Id] = template;
    }

    private LogTemplate? BestMatch(string[] line)
    {
        if (!root.Children.TryGetValue(line.Length.ToString(CultureInfo.InvariantCulture), out var node))
        {
            return null;
        }

        for (var i = 0; i < PathLength(line); i++)
        {
            if (!node.Children.TryGetValue(line[i], out var next) && !node.Children.TryGetValue(VariableMasker.Wildcard, out next))
            {
                return null;
            }

            node = next;
        }

        // Ties go to the template with fewer variables: the more specific one.
        LogTemplate? best = null;
        var bestSimilarity = options.SimilarityThreshold;
        foreach (var candidate in node.Templates)
        {
            var similarity = candidate.Similarity(line);
            if (similarity > bestSimilarity || (similarity == bestSimilarity && (best is null || candidate.Variables < best.Variables)))
            {
                best = candidate;
                bestSimilarity = similarity;
            }
        }

        return best;
    }

    private string[] NewPath(string[] line)
    {
        var path = new string[PathLength(line)];
        var node = root.Child(line.Length.ToString(CultureInfo.InvariantCulture));
        for (var i = 0; i < path.Length; i++)
        {
            var token = line[i];
            var full = !node.Children.ContainsKey(token) && node.Children.Keys.Count(k => k != VariableMasker.Wildcard) >= options.MaxChildren;
            path[i] = VariableMasker.HasDigit(token) || full ? VariableMasker.Wildcard : token;
            node = node.Child(path[i]);
        }

        return path;
    }

    private int PathLength(string[] line) => Math.Min(options.Depth - 2, line.Length);

    private LogTemplate LeastRecent() =>
        templates.Values.OrderBy(t => t.LastSeen).ThenBy(t => t.Count).ThenBy(t => t.Id, StringComparer.Ordinal).First();

    private void Remove(LogTemplate template)
    {
        templates.Remove(template.Id);

        // Empty branches are pruned, so the live tree is exactly the one a restore rebuilds and
        // MaxChildren counts the same children before and after a restart.
        var branch = new List<(Node Parent, string Key)>();
        var node = root;
        foreach (var key in template.Path.Prepend(template.Tokens.Length.ToString(CultureInfo.InvariantCulture)))
        {
            branch.Add((node, key));
            node = node.Children[key];
        }

        node.Templates.Remove(template);
        for (var i = branch.Count - 1; i >= 0 && node.Templates.Count == 0 && node.Children.Count == 0; i--)
        {
            branch[i].Parent.Children.Remove(branch[i].Key);
            node = branch[i].Parent;
        }
    }

    private sealed class Node
    {
        public Dictionary<string, Node> Children { get; } = new(StringComparer.Ordinal);

        public List<LogTemplate> Templates { get; } = [];

        public Node Child(string key)
        {
            if (!Children.TryGetValue(key, out var child))
            {
                child = new Node();
                Children[key] = child;
            }

            return child;
        }
    }
}
