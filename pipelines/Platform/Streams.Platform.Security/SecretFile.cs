using System.Security.Cryptography;
using System.Text;

namespace Streams.Platform.Security;

/// <summary>Secrets kept in files readable by their owner only (mode 0600).</summary>
public static class SecretFile
{
    /// <summary>The file's first line, or null when there is no file or it is empty.</summary>
    public static string? TryRead(string? file)
    {
        if (string.IsNullOrWhiteSpace(file))
        {
            return null;
        }

        try
        {
            return File.ReadLines(file).FirstOrDefault()?.Trim() is { Length: > 0 } secret ? secret : null;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// The secret in <paramref name="file"/>, or a new one (32 random bytes, base64url) written
    /// there first. Two processes starting at once keep the same secret: the file is created
    /// only if absent, and the loser reads the winner's.
    /// </summary>
    public static (string Secret, bool Created) ReadOrCreate(string file)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(file);
        if (TryRead(file) is { } existing)
        {
            return (existing, false);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        var secret = NewSecret();
        var temporary = WriteTemporary(file, secret + "\n");
        try
        {
            File.Move(temporary, file, overwrite: false);
            return (secret, true);
        }
        catch (IOException) when (TryRead(file) is { } theirs)
        {
            File.Delete(temporary);
            return (theirs, false);
        }
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="file"/>, replacing it, readable by its owner only.</summary>
    public static void WritePrivate(string file, string text) => File.Move(WriteTemporary(file, text), file, overwrite: true);

    /// <summary>32 random bytes, base64url: as strong as an API key, and safe in a header, a form field and a URL.</summary>
    public static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string WriteTemporary(string file, string text)
    {
        var temporary = $"{file}.{Guid.NewGuid():N}.tmp";
        using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
        {
            // Restricted before the secret is written.
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            stream.Write(Encoding.UTF8.GetBytes(text));
        }

        return temporary;
    }
}
