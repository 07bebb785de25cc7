namespace Streams.Training;

/// <summary>What <c>streams train</c> was asked to do.</summary>
internal sealed record TrainRequest(string From, string Data, string? Machine, string? Host, int Hours, long WindowSizeMs, string Output, int Seed, bool Announce)
{
    /// <summary>What is wrong with the request, or null.</summary>
    public string? Problem() => From switch
    {
        _ when string.IsNullOrWhiteSpace(Output) => $"--out is needed: no {TrainCommand.ModelsPathKey} is configured.",
        "smd" when string.IsNullOrWhiteSpace(Machine) => "--from smd needs --machine (a file name under {data}/train/ without .txt).",
        "clickhouse" when string.IsNullOrWhiteSpace(Host) => "--from clickhouse needs --host.",
        "clickhouse" when Hours < 1 => $"--hours must be at least 1, not {Hours}.",
        "clickhouse" when WindowSizeMs < 1 => $"--window-size-ms must be positive, not {WindowSizeMs}.",
        "smd" or "clickhouse" => null,
        _ => $"--from must be smd or clickhouse, not '{From}'.",
    };
}
