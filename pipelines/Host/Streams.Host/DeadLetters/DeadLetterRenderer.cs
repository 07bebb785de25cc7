using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Spectre.Console;

namespace Streams.Host.DeadLetters;

/// <summary>Writes dead letters and their counts as a Spectre table, as one line each (for <c>--follow</c>) or as JSON lines.</summary>
internal sealed class DeadLetterRenderer(IAnsiConsole console, bool json)
{
    // The output is read by people and by jq, never embedded in HTML: keep '+' of base64 and quotes in details readable.
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public void Table(IReadOnlyList<DeadLetterRecord> records, string topic, bool filtered)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (json)
        {
            Lines(records);
            return;
        }

        if (records.Count == 0)
        {
            console.MarkupLineInterpolated($"[grey]No dead letters in {topic}{(filtered ? " match" : "")}.[/]");
            return;
        }

        var table = new Table().Title(Markup.Escape($"{topic}: last {records.Count}"))
            .AddColumns("time (UTC)", "stage", "reason", "source", "detail", "bytes", "preview");
        foreach (var r in records)
        {
            table.AddRow(
                Time(r), Markup.Escape(r.Stage), $"[yellow]{Markup.Escape(r.Reason)}[/]", Markup.Escape(r.Source), Markup.Escape(r.Detail),
                r.ValueSize.ToString(CultureInfo.InvariantCulture), $"[grey]{Markup.Escape(r.Preview)}[/]");
        }

        console.Write(table);
    }

    public void Lines(IEnumerable<DeadLetterRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        foreach (var record in records)
        {
            Line(record);
        }
    }

    public void Line(DeadLetterRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (json)
        {
            WriteJson(writer =>
            {
                writer.WriteString("timestamp", record.Timestamp);
                writer.WriteNumber("partition", record.Partition);
                writer.WriteNumber("offset", record.Offset);
                writer.WriteString("key", record.Key);
                writer.WriteString("stage", record.Stage);
                writer.WriteString("reason", record.Reason);
                writer.WriteString("detail", record.Detail);
                writer.WriteString("sourceTopic", record.SourceTopic);
                WriteNumberOrNull(writer, "sourcePartition", record.SourcePartition);
                WriteNumberOrNull(writer, "sourceOffset", record.SourceOffset);
                writer.WriteNumber("valueSize", record.ValueSize);
                writer.WriteString("valueBase64", record.Value is null ? null : Convert.ToBase64String(record.Value));
                writer.WriteString("valuePreview", record.Preview);
            });
            return;
        }

        console.MarkupLine(
            $"{Time(record)} {Markup.Escape(record.Stage)} [yellow]{Markup.Escape(record.Reason)}[/] {Markup.Escape(record.Source)} " +
            $"{Markup.Escape(record.Detail)} [grey]({record.ValueSize.ToString(CultureInfo.InvariantCulture)} B) {Markup.Escape(record.Preview)}[/]");
    }

    public void Counts(IReadOnlyList<DeadLetterCount> counts, string topic)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (json)
        {
            foreach (var count in counts)
            {
                WriteJson(writer =>
                {
                    writer.WriteString("stage", count.Stage);
                    writer.WriteString("reason", count.Reason);
                    writer.WriteNumber("count", count.Records);
                });
            }

            return;
        }

        if (counts.Count == 0)
        {
            console.MarkupLineInterpolated($"[grey]No dead letters in {topic}.[/]");
            return;
        }

        var table = new Table().Title(Markup.Escape($"{topic}: records per stage and reason")).AddColumns("stage", "reason", "records");
        table.Columns[2].RightAligned();
        foreach (var count in counts)
        {
            table.AddRow(Markup.Escape(Named(count.Stage)), Markup.Escape(Named(count.Reason)), count.Records.ToString("N0", CultureInfo.InvariantCulture));
        }

        table.AddRow("[bold]total[/]", "", $"[bold]{counts.Sum(c => c.Records).ToString("N0", CultureInfo.InvariantCulture)}[/]");
        console.Write(table);
    }

    private static string Named(string code) => code.Length == 0 ? "(none)" : code;

    private static string Time(DeadLetterRecord record) => record.Timestamp.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);

    private static void WriteNumberOrNull(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private void WriteJson(Action<Utf8JsonWriter> writeProperties)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonOptions))
        {
            writer.WriteStartObject();
            writeProperties(writer);
            writer.WriteEndObject();
        }

        // Past Spectre's renderer, which would wrap a long line at the console width and read '[' as markup.
        var output = console.Profile.Out.Writer;
        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        output.Flush();
    }
}
