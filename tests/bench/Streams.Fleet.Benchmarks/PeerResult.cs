namespace Streams.Fleet.Benchmarks;

/// <summary>Prometheus over the measured span: samples appended per second, cores used, CPU µs per sample, peak RSS.</summary>
internal sealed record PeerResult(double SamplesPerSecond, double Cores, double CpuMicrosecondsPerSample, double MaxRssMiB);
