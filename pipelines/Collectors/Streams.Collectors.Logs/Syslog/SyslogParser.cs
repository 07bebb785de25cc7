using System.Globalization;
using io.streams.avro;

namespace Streams.Collectors.Logs.Syslog;

/// <summary>
/// Parses one syslog message, RFC 5424 or RFC 3164 (BSD), into a <see cref="LogRecord"/>. Never
/// throws and never drops: a message that fits neither is returned whole with
/// <c>parseError</c> set and the line in <c>rawLine</c>.
/// </summary>
internal static class SyslogParser
{
    private const string Nil = "-";

    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <param name="line">The message without framing.</param>
    /// <param name="context">Receive time, fallback host and where the line came from.</param>
    /// <param name="requirePriority">True on the network (a syslog message starts with <c>&lt;PRI&gt;</c>); false for log files, whose lines have none.</param>
    public static LogRecord Parse(string line, LineContext context, bool requirePriority)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(context);
        var rest = line.AsSpan().TrimEnd("\r\n\0");
        int? priority = null;
        if (rest.StartsWith('<'))
        {
            var close = rest.IndexOf('>');
            if (close is < 2 or > 4 || !int.TryParse(rest[1..close], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > 191)
            {
                return Unparsed(line, context);
            }

            priority = value;
            rest = rest[(close + 1)..];
        }
        else if (requirePriority)
        {
            return Unparsed(line, context);
        }

        var record = priority is not null && rest.StartsWith("1 ")
            ? Parse5424(rest[2..], context)
            : Parse3164(rest, context);
        if (record is null)
        {
            return Unparsed(line, context);
        }

        if (priority is { } pri)
        {
            record.facility = pri >> 3;
            record.severity = (LogSeverity)(pri & 7);
        }

        return record;
    }

    /// <summary>The record of a line shipped as it is: whole line as message, flagged when it should have parsed.</summary>
    public static LogRecord Unparsed(string line, LineContext context, bool parseError = true)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(context);
        var record = NewRecord(context, context.ReceivedAt, context.Host, context.App, line.TrimEnd('\r', '\n', '\0'));
        record.parseError = parseError;
        record.rawLine = parseError ? line : null;
        return record;
    }

    // RFC 5424 section 6: VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP MSGID SP STRUCTURED-DATA [SP MSG]
    private static LogRecord? Parse5424(ReadOnlySpan<char> rest, LineContext context)
    {
        if (!NextToken(ref rest, out var timestampText) || !NextToken(ref rest, out var host) || !NextToken(ref rest, out var app)
            || !NextToken(ref rest, out var procId) || !NextToken(ref rest, out var msgId))
        {
            return null;
        }

        DateTime timestamp;
        if (timestampText.SequenceEqual(Nil))
        {
            timestamp = context.ReceivedAt;
        }
        else if (DateTimeOffset.TryParse(timestampText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            timestamp = parsed.UtcDateTime;
        }
        else
        {
            return null;
        }

        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        if (rest.StartsWith(Nil))
        {
            rest = rest[1..];
        }
        else if (!ParseStructuredData(ref rest, data))
        {
            return null;
        }

        if (!rest.IsEmpty && rest[0] != ' ')
        {
            return null;
        }

        var message = rest.IsEmpty ? [] : rest[1..];
        if (message.StartsWith('\uFEFF'))
        {
            message = message[1..];
        }

        var record = NewRecord(context, timestamp, host.SequenceEqual(Nil) ? context.Host : host.ToString(),
            app.SequenceEqual(Nil) ? context.App : app.ToString(), message.ToString());
        record.procId = procId.SequenceEqual(Nil) ? null : procId.ToString();
        record.msgId = msgId.SequenceEqual(Nil) ? null : msgId.ToString();
        record.structuredData = data;
        return record;
    }

    // RFC 5424 section 6.3: [SD-ID SP PARAM-NAME="PARAM-VALUE" ...] repeated; \" \\ \] escaped in values.
    private static bool ParseStructuredData(ref ReadOnlySpan<char> rest, Dictionary<string, string> data)
    {
        if (!rest.StartsWith('['))
        {
            return false;
        }

        while (rest.StartsWith('['))
        {
            rest = rest[1..];
            var idEnd = rest.IndexOfAny(' ', ']');
            if (idEnd <= 0)
            {
                return false;
            }

            var id = rest[..idEnd].ToString();
            rest = rest[idEnd..];
            while (rest.StartsWith(' '))
            {
                rest = rest[1..];
                var equals = rest.IndexOf("=\"", StringComparison.Ordinal);
                if (equals <= 0)
                {
                    return false;
                }

                var name = rest[..equals].ToString();
                rest = rest[(equals + 2)..];
                var value = new System.Text.StringBuilder();
                var closed = false;
                for (var i = 0; i < rest.Length; i++)
                {
                    if (rest[i] == '\\' && i + 1 < rest.Length && rest[i + 1] is '"' or '\\' or ']')
                    {
                        value.Append(rest[++i]);
                    }
                    else if (rest[i] == '"')
                    {
                        rest = rest[(i + 1)..];
                        closed = true;
                        break;
                    }
                    else
                    {
                        value.Append(rest[i]);
                    }
                }

                if (!closed)
                {
                    return false;
                }

                data[id + "." + name] = value.ToString();
            }

            if (!rest.StartsWith(']'))
            {
                return false;
            }

            rest = rest[1..];
        }

        return true;
    }

    // RFC 3164 section 4.1.2: TIMESTAMP ("Mmm dd hh:mm:ss", day space-padded) SP HOSTNAME SP TAG[pid]: MSG
    private static LogRecord? Parse3164(ReadOnlySpan<char> rest, LineContext context)
    {
        if (rest.Length < 16 || rest[15] != ' ')
        {
            return null;
        }

        var month = Array.IndexOf(Months, rest[..3].ToString());
        if (month < 0 || rest[3] != ' '
            || !int.TryParse(rest[4..6].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            || !TimeOnly.TryParseExact(rest[7..15], "HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            || day is < 1 or > 31)
        {
            return null;
        }

        var timestamp = InferYear(month + 1, day, time, context.ReceivedAt);
        if (timestamp is null)
        {
            return null;
        }

        rest = rest[16..];
        if (!NextToken(ref rest, out var host))
        {
            return null;
        }

        string app = context.App;
        string? procId = null;
        var message = rest;
        var tagEnd = rest.IndexOfAny(":[ ");
        // The TAG is the program name up to ':' or '['; a first word without either is already message text.
        if (tagEnd > 0 && rest[tagEnd] != ' ')
        {
            app = rest[..tagEnd].ToString();
            message = rest[tagEnd..];
            if (message.StartsWith('['))
            {
                var close = message.IndexOf(']');
                if (close > 0)
                {
                    procId = message[1..close].ToString();
                    message = message[(close + 1)..];
                }
            }

            if (message.StartsWith(':'))
            {
                message = message[1..];
            }

            message = message.TrimStart(' ');
        }

        var record = NewRecord(context, timestamp.Value, host.ToString(), app, message.ToString());
        record.procId = procId;
        return record;
    }

    /// <summary>RFC 3164 timestamps carry no year: take the receive year, or the one before when that would put the line more than a day in the future (a December line read in January).</summary>
    private static DateTime? InferYear(int month, int day, TimeOnly time, DateTime receivedAt)
    {
        for (var year = receivedAt.Year; year >= receivedAt.Year - 1; year--)
        {
            if (day > DateTime.DaysInMonth(year, month))
            {
                continue;
            }

            var candidate = new DateTime(new DateOnly(year, month, day), time, DateTimeKind.Utc);
            if (candidate <= receivedAt.AddDays(1))
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool NextToken(ref ReadOnlySpan<char> rest, out ReadOnlySpan<char> token)
    {
        var space = rest.IndexOf(' ');
        if (space < 0)
        {
            token = rest;
            rest = [];
            return !token.IsEmpty;
        }

        if (space == 0)
        {
            token = [];
            return false;
        }

        token = rest[..space];
        rest = rest[(space + 1)..];
        return true;
    }

    private static LogRecord NewRecord(LineContext context, DateTime timestamp, string host, string app, string message) => new()
    {
        host = host,
        app = app,
        severity = LogSeverity.UNKNOWN,
        timestamp = timestamp,
        receivedAt = context.ReceivedAt,
        message = message,
        structuredData = new Dictionary<string, string>(StringComparer.Ordinal),
        source = context.Source,
        origin = context.Origin,
    };
}
