namespace Streams.Schemas.Generator;

/// <summary>One generated C# source file.</summary>
/// <param name="FileName">File name inside the output folder, e.g. <c>MetricSample.cs</c>.</param>
/// <param name="Content">The complete source text, LF line endings.</param>
public sealed record GeneratedFile(string FileName, string Content);
