using GhostRoll.Ingest;

namespace GhostRoll.Appliance.Cards;

/// <summary>
/// Reads what udev learnt about a block device (its blkid probe: <c>ID_FS_TYPE</c>, <c>ID_FS_LABEL_ENC</c>,
/// <c>ID_FS_UUID</c>) from udev's database, <c>/run/udev/data/b&lt;major&gt;:&lt;minor&gt;</c>. Reading the
/// database needs no privilege and never touches the card; udev rewrites the file (by rename) on every
/// add/change event, so after a superfloppy card leaves a reader the <c>ID_FS_*</c> lines are gone.
/// </summary>
internal static class UdevDatabase
{
    public const string DefaultDirectory = "/run/udev/data";

    /// <summary>The <c>E:</c> properties of a device, or an empty map when udev has no record of it.</summary>
    public static IReadOnlyDictionary<string, string> Properties(string dataDirectory, string majorMinor)
    {
        var path = Path.Combine(dataDirectory, "b" + majorMinor);
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return properties;
        }

        foreach (var line in lines)
        {
            if (line.StartsWith("E:", StringComparison.Ordinal) && line.IndexOf('=', StringComparison.Ordinal) is var equals and > 2)
            {
                properties[line[2..equals]] = line[(equals + 1)..];
            }
        }

        return properties;
    }

    /// <summary>
    /// Decodes udev's <c>_ENC</c> encoding (blkid_encode_string: unsafe bytes as <c>\xNN</c>), so
    /// <c>auto-import\x201</c> reads back as <c>auto-import 1</c>.
    /// </summary>
    public static string DecodeEncoded(string encoded) => EscapedText.DecodeHex(encoded);
}
