using System.Text.Json;
using System.Text.Json.Serialization;
using GhostRoll.Sessions;
using GhostRoll.Storage;

namespace GhostRoll.Gallery;

/// <summary>
/// A title given to one session's gallery (<c>ghostroll share SESSION --title</c>), kept beside the gallery as
/// <c>gallery.json</c> in the session folder: it travels with the folder, and the database stays as it is. It
/// overrides GALLERY_TITLE and the capture dates for that session only.
/// </summary>
public static class SessionGalleryTitle
{
    public const string FileName = "gallery.json";

    /// <summary>Same limit as GALLERY_TITLE: a heading, a browser tab and a link preview line.</summary>
    public const int MaxLength = 80;

    public static string PathFor(SessionLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return Path.Combine(layout.Root, FileName);
    }

    /// <summary>The stored title, or null (none, or a file that cannot be read: the gallery falls back, never fails).</summary>
    public static string? Read(SessionLayout layout)
    {
        try
        {
            var file = JsonSerializer.Deserialize(File.ReadAllBytes(PathFor(layout)), SessionGalleryJsonContext.Default.SessionGalleryFile);
            return string.IsNullOrWhiteSpace(file?.Title) ? null : file.Title.Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Stores <paramref name="title"/>; empty removes it (back to GALLERY_TITLE or the dates).</summary>
    /// <exception cref="FormatException">The title is too long or not one line of text.</exception>
    public static void Write(SessionLayout layout, string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var text = Validate(title);
        if (text.Length == 0)
        {
            File.Delete(PathFor(layout));
            return;
        }

        AtomicFile.WriteAllBytes(PathFor(layout), JsonSerializer.SerializeToUtf8Bytes(new SessionGalleryFile { Title = text }, SessionGalleryJsonContext.Default.SessionGalleryFile));
    }

    public static string Validate(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var text = title.Trim();
        return text.Length > MaxLength ? throw new FormatException($"a title must be at most {MaxLength} characters (this one has {text.Length})")
            : text.Any(char.IsControl) ? throw new FormatException("a title must be one line of text without control characters")
            : text;
    }
}

internal sealed record SessionGalleryFile
{
    public string? Title { get; init; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(SessionGalleryFile))]
internal sealed partial class SessionGalleryJsonContext : JsonSerializerContext;
