namespace Streams.Collectors.Agent.Parsing;

/// <summary>Parses /proc/stat (proc(5)).</summary>
internal static class ProcStatParser
{
    public static ProcStat Parse(ReadOnlySpan<char> text)
    {
        var cpu = default(CpuTimes);
        int online = 0;
        long bootTime = 0;
        double contextSwitches = 0, forks = 0, running = 0, blocked = 0;
        foreach (var line in text.EnumerateLines())
        {
            var fields = new FieldReader(line);
            if (!fields.TryNext(out var name))
            {
                continue;
            }

            if (name.SequenceEqual("cpu"))
            {
                cpu = new CpuTimes(fields.NextNumber(), fields.NextNumber(), fields.NextNumber(), fields.NextNumber(),
                    fields.NextNumber(), fields.NextNumber(), fields.NextNumber(), fields.NextNumber());
            }
            else if (name.StartsWith("cpu"))
            {
                online++;
            }
            else if (name.SequenceEqual("btime"))
            {
                bootTime = (long)fields.NextNumber();
            }
            else if (name.SequenceEqual("ctxt"))
            {
                contextSwitches = fields.NextNumber();
            }
            else if (name.SequenceEqual("processes"))
            {
                forks = fields.NextNumber();
            }
            else if (name.SequenceEqual("procs_running"))
            {
                running = fields.NextNumber();
            }
            else if (name.SequenceEqual("procs_blocked"))
            {
                blocked = fields.NextNumber();
            }
        }

        return new ProcStat(cpu, online, bootTime, contextSwitches, forks, running, blocked);
    }
}
