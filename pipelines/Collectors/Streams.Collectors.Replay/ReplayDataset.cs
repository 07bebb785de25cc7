namespace Streams.Collectors.Replay;

/// <summary>The labelled datasets replay reads (layouts in ../shared/datasets/README.md).</summary>
public enum ReplayDataset
{
    /// <summary>Server Machine Dataset: 38 columns per row, one row a minute, row-aligned 0/1 labels.</summary>
    Smd,

    /// <summary>Numenta Anomaly Benchmark: timestamp,value CSVs with anomaly windows.</summary>
    Nab,
}
