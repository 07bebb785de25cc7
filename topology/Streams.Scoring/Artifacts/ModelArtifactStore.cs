namespace Streams.Scoring.Artifacts;

/// <summary>
/// Artifacts on disk: <c>{root}/{model name}/{version}/</c> holding <c>model.json</c> (the
/// detector) and <c>metadata.json</c>. A version directory is written under a temporary name
/// and renamed into place, so a reader never sees half an artifact.
/// </summary>
public sealed class ModelArtifactStore(string root)
{
    public const string ModelFile = "model.json";

    public const string MetadataFile = "metadata.json";

    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The latest version saved under <paramref name="name"/>, or null.</summary>
    public string? LatestVersion(string name)
    {
        var directory = Path.Combine(Root, SafeName(name));
        return Directory.Exists(directory)
            ? Directory.EnumerateDirectories(directory).Select(Path.GetFileName).Where(v => v is not null && !v.StartsWith('.')).Max(StringComparer.Ordinal)
            : null;
    }

    /// <summary>Saves the artifact under the metadata's name and version; returns the metadata with <see cref="ModelMetadata.ArtifactPath"/> set.</summary>
    /// <exception cref="IOException">The version already exists, or the directory cannot be written.</exception>
    public ModelMetadata Save(ModelMetadata metadata, ReadOnlySpan<byte> model)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var parent = Path.Combine(Root, SafeName(metadata.Name));
        var target = Path.Combine(parent, metadata.Version);
        if (Directory.Exists(target))
        {
            throw new IOException($"Model {metadata.Name} version {metadata.Version} already exists at {target}.");
        }

        var saved = metadata with { ArtifactPath = target };
        var staging = Path.Combine(parent, "." + metadata.Version + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(staging);
        File.WriteAllBytes(Path.Combine(staging, ModelFile), model.ToArray());
        File.WriteAllText(Path.Combine(staging, MetadataFile), saved.ToJson());
        Directory.Move(staging, target);
        return saved;
    }

    /// <summary>Reads the metadata and model bytes of the artifact directory <paramref name="path"/>.</summary>
    /// <exception cref="IOException">A file is missing or unreadable.</exception>
    /// <exception cref="System.Text.Json.JsonException">The metadata is not valid.</exception>
    public static (ModelMetadata Metadata, byte[] Model) Read(string path)
    {
        var metadata = ModelMetadata.FromJson(File.ReadAllText(Path.Combine(path, MetadataFile)));
        return (metadata with { ArtifactPath = Path.GetFullPath(path) }, File.ReadAllBytes(Path.Combine(path, ModelFile)));
    }

    // Model names hold a '/' (host/web-01) that becomes a directory level; anything a file
    // system refuses in a host name becomes '_'.
    private static string SafeName(string name) =>
        Path.Combine([.. name.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(part =>
            part is "." or ".." ? "_" : string.Concat(part.Select(c => Path.GetInvalidFileNameChars().Contains(c) ? '_' : c)))]);
}
