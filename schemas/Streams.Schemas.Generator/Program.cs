using Streams.Schemas.Generator;

// Usage: Streams.Schemas.Generator [avro-dir] [output-dir] [--check]
// Defaults are the repository's schemas/avro and schemas/Streams.Schemas/Generated, found by
// walking up from the current directory to Streams.sln. --check writes nothing and exits 1
// when the committed classes differ from what the .avsc files generate.
var check = args.Contains("--check");
var paths = args.Where(a => a != "--check").ToArray();
var root = FindRepositoryRoot(Directory.GetCurrentDirectory());
var avroDir = paths.Length > 0 ? paths[0] : Path.Combine(root, "schemas", "avro");
var outputDir = paths.Length > 1 ? paths[1] : Path.Combine(root, "schemas", "Streams.Schemas", "Generated");

var schemaFiles = Directory.GetFiles(avroDir, "*.avsc").Order(StringComparer.Ordinal).ToArray();
if (schemaFiles.Length == 0)
{
    Console.Error.WriteLine($"No .avsc files in {avroDir}.");
    return 2;
}

var generated = AvroClassGenerator.Generate(schemaFiles.Select(File.ReadAllText));
Directory.CreateDirectory(outputDir);
var stale = Directory.GetFiles(outputDir, "*.cs")
    .Where(path => generated.All(g => g.FileName != Path.GetFileName(path)))
    .ToArray();
var changed = generated
    .Where(g => !File.Exists(Path.Combine(outputDir, g.FileName)) || File.ReadAllText(Path.Combine(outputDir, g.FileName)) != g.Content)
    .ToArray();

if (check)
{
    foreach (var path in stale)
    {
        Console.Error.WriteLine($"stale: {path}");
    }

    foreach (var file in changed)
    {
        Console.Error.WriteLine($"out of date: {Path.Combine(outputDir, file.FileName)}");
    }

    return stale.Length + changed.Length == 0 ? 0 : 1;
}

foreach (var path in stale)
{
    File.Delete(path);
}

foreach (var file in changed)
{
    File.WriteAllText(Path.Combine(outputDir, file.FileName), file.Content);
}

Console.WriteLine($"{schemaFiles.Length} schemas -> {generated.Count} files in {outputDir} ({changed.Length} written, {stale.Length} deleted).");
return 0;

static string FindRepositoryRoot(string start)
{
    for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Streams.sln")))
        {
            return dir.FullName;
        }
    }

    throw new DirectoryNotFoundException($"Streams.sln not found above {start}; pass the avro and output folders explicitly.");
}
