using io.streams.avro;
using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.Processors.Public;
using Streamiz.Kafka.Net.SerDes;
using Streamiz.Kafka.Net.Stream;
using Streams.Schemas.Topics;
using Streams.Topology.DeadLetters;
using Streams.Topology.Metrics;
using Streams.Topology.State;

namespace Streams.Topology.Logs.Templates;

/// <summary>
/// <c>logs.raw</c> → <c>logs.clean</c>: clusters every line's message into a template with its
/// variables masked as <c>&lt;*&gt;</c> (Drain, per host and application) and sets
/// <c>templateId</c>. Two <c>structuredData</c> entries go with it: <see cref="TemplateKey"/>
/// holds the template text on every line, and <see cref="NewTemplateKey"/> = <c>true</c> marks
/// the line that created its template (absent on every other line). Records that do not decode,
/// or have no host, go to <c>deadletter</c> with the reason in headers and the original bytes.
/// Templates live in a state store (changelogged), so they survive restarts and rebalances.
/// </summary>
public static class MineLogTemplates
{
    /// <summary>The template store (also names its changelog topic, <c>{applicationId}-log-templates-changelog</c>).</summary>
    public const string TemplateStoreName = "log-templates";

    /// <summary>The value of the dead-letter <c>stage</c> header for this topology's rejects.</summary>
    public const string StageName = "mine-log-templates";

    /// <summary>The <c>structuredData</c> key of the line's template text, e.g. <c>Failed password for &lt;*&gt; from &lt;*&gt; port &lt;*&gt; ssh2</c>.</summary>
    public const string TemplateKey = "streams.template";

    /// <summary>The <c>structuredData</c> key set to <c>true</c> on the line that created its template; absent otherwise.</summary>
    public const string NewTemplateKey = "streams.templateNew";

    /// <summary>Adds the template-mining stage to <paramref name="builder"/>.</summary>
    /// <param name="builder">The stream builder of the processor's topology.</param>
    /// <param name="logs">SerDes of LogRecord for both topics; it must be ready without Streamiz' Initialize (built from a registry client).</param>
    /// <param name="options">The parser's threshold, tree shape, bound and store kind.</param>
    public static void Build(StreamBuilder builder, ISerDes<LogRecord> logs, LogTemplateOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(logs);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var transformer = TransformerBuilder.New<string, byte[], string, MineOutcome>()
            .Transformer<MineTemplatesTransformer>(options, logs)
            .StateStore(StateStoreFactory.KeyValue(TemplateStoreName, options.Stores, new LogTemplateSerDes()))
            .Build();

        var outcomes = builder
            .Stream(TopicCatalogue.LogsRaw.Name, new StringSerDes(), new ByteArraySerDes())
            .Transform(transformer, StageName);

        DeadLetterStream.Route(outcomes, outcome => outcome.Rejection);

        outcomes
            .Filter((_, outcome, _) => outcome.Clean is not null)
            .MapValues((outcome, _) => outcome.Clean!)
            .To((_, _, _) => TopicCatalogue.LogsClean.Name, new StringSerDes(), logs, (_, log, _) => EpochMs.Of(log.timestamp));
    }

    /// <summary>Sets the line's template id and text, and the new-template flag on the first line of a template only.</summary>
    internal static void Mark(LogRecord log, string templateId, string template, bool isNew)
    {
        log.templateId = templateId;
        log.structuredData ??= new Dictionary<string, string>();
        log.structuredData[TemplateKey] = template;
        if (isNew)
        {
            log.structuredData[NewTemplateKey] = "true";
        }
        else
        {
            // A replayed line may carry the flag from an earlier run; only a creating line keeps it.
            log.structuredData.Remove(NewTemplateKey);
        }
    }
}
