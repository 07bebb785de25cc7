using Streams.Topology.State;

namespace Streams.Topology.Logs.Templates;

/// <summary>Settings of <see cref="MineLogTemplates"/>: the Drain parser's parameters and its bound.</summary>
public sealed class LogTemplateOptions
{
    /// <summary>
    /// Share of a message's tokens that must equal a template's for the message to join it
    /// (Drain's <c>st</c>; the paper and Drain3 use 0.4 to 0.5). Lower merges more eagerly.
    /// </summary>
    public double SimilarityThreshold { get; set; } = 0.4;

    /// <summary>
    /// Depth of the prefix tree, counting the root and the token-count layer (Drain's <c>depth</c>):
    /// 4 routes a message by its token count and its first two tokens.
    /// </summary>
    public int Depth { get; set; } = 4;

    /// <summary>
    /// Children a tree node may have before further distinct tokens share its <c>&lt;*&gt;</c> child
    /// (Drain's <c>maxChild</c>): keeps a variable first word, such as a user name, from
    /// splitting one template into thousands.
    /// </summary>
    public int MaxChildren { get; set; } = 100;

    /// <summary>
    /// Templates kept per host and application. When a new template would exceed it, the template
    /// matched least recently (by event time; then the one with fewer lines, then the lower id) is
    /// forgotten; if its message comes back it is mined again, under the same id, and flagged new
    /// again. At ~200 B of memory and store each, 256 templates for 1,000 host/apps in a task are ~50 MB.
    /// </summary>
    public int MaxTemplatesPerApp { get; set; } = 256;

    /// <summary>
    /// Tokens compared per message; the rest of a longer message counts as one variable token, so a
    /// stack trace or a JSON dump costs a bounded amount of work and memory.
    /// </summary>
    public int MaxTokens { get; set; } = 64;

    public StateStoreKind Stores { get; set; } = StateStoreKind.RocksDb;

    internal void Validate()
    {
        if (SimilarityThreshold is <= 0 or > 1 || Depth < 3 || MaxChildren < 2)
        {
            throw new ArgumentException(
                $"LogTemplateOptions: 0 < SimilarityThreshold <= 1, Depth >= 3 and MaxChildren >= 2 are required (got {SimilarityThreshold}, {Depth}, {MaxChildren}).");
        }

        if (MaxTemplatesPerApp < 1 || MaxTokens < 2)
        {
            throw new ArgumentException($"LogTemplateOptions: MaxTemplatesPerApp >= 1 and MaxTokens >= 2 are required (got {MaxTemplatesPerApp}, {MaxTokens}).");
        }
    }
}
