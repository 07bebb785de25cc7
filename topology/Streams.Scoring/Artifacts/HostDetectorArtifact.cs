using System.Text.Json;
using Streams.Scoring.Change;
using Streams.Scoring.HostDetection;
using Streams.Scoring.Series;

namespace Streams.Scoring.Artifacts;

/// <summary>
/// The self-describing serialization of a trained <see cref="HostDetector"/>: JSON with a format
/// name and version, the settings it was trained with and every parameter. Doubles are written
/// shortest-round-trip, so a loaded detector scores bit for bit like the one saved. JSON rather
/// than binary: a 38-feature SMD host is ~60 KB, read once per version, and an operator can read it.
/// </summary>
public static class HostDetectorArtifact
{
    public const string FormatName = "streams-host-detector";

    /// <summary>2 adds the change model; format 1 still loads, as a detector that judges levels only until retrained.</summary>
    public const int FormatVersion = 2;

    public static byte[] Serialize(HostDetector detector)
    {
        ArgumentNullException.ThrowIfNull(detector);
        var pca = detector.Pca;
        var document = new Document
        {
            Format = FormatName,
            FormatVersion = FormatVersion,
            FeatureNames = [.. detector.FeatureNames],
            Threshold = detector.Threshold,
            Options = detector.Options,
            Series = [.. detector.Series.Select(s => new SeriesDocument { Threshold = s.Threshold, Centroids = s.Centroids.ToArray() })],
            Pca = new PcaDocument
            {
                Rank = pca.Rank,
                Threshold = pca.Threshold,
                Mean = pca.Mean,
                Scale = pca.Scale,
                Components = pca.Components,
            },
            Change = detector.Change is { } change
                ? new ChangeDocument { Scales = change.Scales.ToArray(), Thresholds = change.Thresholds.ToArray(), Threshold = change.Threshold }
                : null,
        };
        return JsonSerializer.SerializeToUtf8Bytes(document, ArtifactJson.Options);
    }

    /// <exception cref="InvalidDataException">Not a host detector artifact of a format this build reads, or inconsistent.</exception>
    public static HostDetector Deserialize(ReadOnlySpan<byte> json)
    {
        Document? document;
        try
        {
            document = JsonSerializer.Deserialize<Document>(json, ArtifactJson.Options);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException("The model artifact is not valid JSON: " + e.Message, e);
        }

        if (document is null || document.Format != FormatName)
        {
            throw new InvalidDataException($"The model artifact is not a {FormatName} document.");
        }

        if (document.FormatVersion is < 1 or > FormatVersion)
        {
            throw new InvalidDataException($"The model artifact has format version {document.FormatVersion}; this build reads 1 to {FormatVersion}.");
        }

        var dimension = document.FeatureNames.Length;
        var options = document.Options ?? throw new InvalidDataException("The model artifact has no options.");
        var pca = document.Pca ?? throw new InvalidDataException("The model artifact has no PCA model.");
        var seriesDimension = options.Series.Dimension;
        if (document.Series.Length != dimension || pca.Mean.Length != dimension || pca.Scale.Length != dimension
            || pca.Components.Length != pca.Rank * dimension
            || document.Series.Any(s => s.Centroids.Length == 0 || s.Centroids.Length % seriesDimension != 0))
        {
            throw new InvalidDataException($"The model artifact's parameters do not fit its {dimension} features.");
        }

        if (document.FormatVersion >= 2 && document.Change is null)
        {
            throw new InvalidDataException($"The model artifact has format version {document.FormatVersion} but no change model.");
        }

        var change = document.Change is { } c ? ReadChange(c, options.Change, dimension) : null;
        var series = document.Series.Select(s => new SeriesModel(options.Series, s.Centroids, s.Threshold)).ToArray();
        var model = new HostPcaModel(pca.Mean, pca.Scale, pca.Components, pca.Rank, pca.Threshold);
        return new HostDetector(document.FeatureNames, series, model, change, options, document.Threshold);
    }

    private static ChangeModel ReadChange(ChangeDocument document, ChangeOptions options, int dimension)
    {
        if (document.Scales.Length != dimension || document.Thresholds.Length != options.Detectors)
        {
            throw new InvalidDataException($"The model artifact's change model does not fit its {dimension} features and {options.Detectors} change detectors.");
        }

        return new ChangeModel(options, document.Scales, document.Thresholds, document.Threshold);
    }

    private sealed class Document
    {
        public string Format { get; set; } = "";

        public int FormatVersion { get; set; }

        public string[] FeatureNames { get; set; } = [];

        public double Threshold { get; set; }

        public HostDetectorOptions? Options { get; set; }

        public SeriesDocument[] Series { get; set; } = [];

        public PcaDocument? Pca { get; set; }

        public ChangeDocument? Change { get; set; }
    }

    private sealed class ChangeDocument
    {
        public double[] Scales { get; set; } = [];

        public double[] Thresholds { get; set; } = [];

        public double Threshold { get; set; }
    }

    private sealed class SeriesDocument
    {
        public double Threshold { get; set; }

        public double[] Centroids { get; set; } = [];
    }

    private sealed class PcaDocument
    {
        public int Rank { get; set; }

        public double Threshold { get; set; }

        public double[] Mean { get; set; } = [];

        public double[] Scale { get; set; } = [];

        public double[] Components { get; set; } = [];
    }
}
