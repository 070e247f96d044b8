using System.Text;
using System.Text.Json;
using GhostRoll.Imaging.Enhancing;

namespace GhostRoll.Enhancer;

/// <summary>The enhancer library (src/GhostRoll.Imaging/Enhancing), the same one local mode runs, seen through <see cref="ImageEnhancer"/>.</summary>
public static class Enhancing
{
    /// <summary>
    /// Chooses a recipe for the picture and applies it. <see cref="ArgumentException"/> (a recipe out of range) cannot
    /// happen without a recipe; it is reported as <see cref="InvalidDataException"/> so the message is dropped, not
    /// retried, if it ever does.
    /// </summary>
    public static EnhancedImage Enhance(ReadOnlySpan<byte> jpeg)
    {
        EnhanceResult result;
        try
        {
            result = PhotoEnhancer.Enhance(jpeg);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException(e.Message, e);
        }

        return new EnhancedImage(result.Jpeg, result.Changed, Compact(result.Recipe.ToJson()));
    }

    /// <summary>The recipe file's JSON on one line (it is written indented for people): it travels as an S3 metadata header.</summary>
    private static string Compact(string json)
    {
        using var document = JsonDocument.Parse(json);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            document.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
