using Streams.Topology.State;

namespace Streams.Topology.Logs.Templates;

/// <summary>The template text, its branch and two numbers: ~100 B for a typical syslog template.</summary>
internal sealed class LogTemplateSerDes : BinarySerDes<LogTemplate>
{
    protected override void Write(BinaryWriter writer, LogTemplate value)
    {
        writer.Write(value.Id);
        writer.Write(value.Count);
        writer.Write(value.LastSeen);
        WriteStrings(writer, value.Tokens);
        WriteStrings(writer, value.Path);
    }

    protected override LogTemplate Read(BinaryReader reader)
    {
        var id = reader.ReadString();
        var count = reader.ReadInt64();
        var lastSeen = reader.ReadInt64();
        return new LogTemplate(id, ReadStrings(reader), ReadStrings(reader)) { Count = count, LastSeen = lastSeen };
    }

    private static void WriteStrings(BinaryWriter writer, IReadOnlyList<string> strings)
    {
        writer.Write(strings.Count);
        foreach (var s in strings)
        {
            writer.Write(s);
        }
    }

    private static string[] ReadStrings(BinaryReader reader)
    {
        var strings = new string[reader.ReadInt32()];
        for (var i = 0; i < strings.Length; i++)
        {
            strings[i] = reader.ReadString();
        }

        return strings;
    }
}
