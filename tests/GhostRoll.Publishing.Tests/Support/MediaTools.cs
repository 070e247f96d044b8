using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace GhostRoll.Publishing.Tests.Support;

/// <summary>Independent readers of a media file: Debian's exiftool (every tag it knows) and ffprobe (is it still playable).</summary>
public static class MediaTools
{
    /// <summary>Tag names (group:name) that give away where a clip was filmed or which device filmed it.</summary>
    public static readonly string[] Revealing = ["GPS", "Location", "ISO6709", "Coordinates", "Latitude", "Longitude", "SerialNumber", "MakerNote"];

    /// <summary><c>exiftool -j -n -G -a FILE</c>: every tag, duplicates included, as group:name → value.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ExifToolAsync(string path)
    {
        var json = await RunAsync("/usr/bin/exiftool", "-j", "-n", "-G", "-a", path);
        using var document = JsonDocument.Parse(json);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in document.RootElement[0].EnumerateObject())
        {
            tags[property.Name] = property.Value.ToString();
        }

        return tags;
    }

    /// <summary>The tags of <paramref name="tags"/> whose names reveal a location or a device (see <see cref="Revealing"/>).</summary>
    public static string[] RevealingTags(IReadOnlyDictionary<string, string> tags) =>
        [.. tags.Where(t => Revealing.Any(r => t.Key.Contains(r, StringComparison.OrdinalIgnoreCase))).Select(t => $"{t.Key}={t.Value}")];

    /// <summary>ffprobe: the container's duration in seconds and the number of video streams.</summary>
    public static async Task<(double Duration, int VideoStreams)> ProbeAsync(string path)
    {
        var json = await RunAsync("/usr/bin/ffprobe", "-v", "error", "-show_entries", "format=duration:stream=codec_type", "-of", "json", path);
        using var document = JsonDocument.Parse(json);
        var duration = double.Parse(document.RootElement.GetProperty("format").GetProperty("duration").GetString()!, CultureInfo.InvariantCulture);
        var video = document.RootElement.GetProperty("streams").EnumerateArray().Count(s => s.GetProperty("codec_type").GetString() == "video");
        return (duration, video);
    }

    private static async Task<string> RunAsync(string tool, params string[] arguments)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await stderr}");
        return output;
    }
}
