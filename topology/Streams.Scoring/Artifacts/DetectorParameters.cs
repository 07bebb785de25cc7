using System.Runtime.CompilerServices;
using Streams.Scoring.Host;
using Streams.Scoring.Series;

namespace Streams.Scoring.Artifacts;

/// <summary>
/// Reaches the trained parameters the model types keep private. The types stay immutable and
/// their constructors private (a detector only comes from Train or from an artifact), so the
/// artifact code reads and rebuilds them through UnsafeAccessor: no reflection, checked by the JIT.
/// </summary>
internal static class DetectorParameters
{
    [UnsafeAccessor(UnsafeAccessorKind.Constructor)]
    public static extern HostDetector NewDetector(IReadOnlyList<string> featureNames, SeriesModel[] series, HostPcaModel pca, HostDetectorOptions options, double threshold);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_mean")]
    public static extern ref double[] Mean(HostPcaModel model);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_scale")]
    public static extern ref double[] Scale(HostPcaModel model);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_components")]
    public static extern ref double[] Components(HostPcaModel model);
}
