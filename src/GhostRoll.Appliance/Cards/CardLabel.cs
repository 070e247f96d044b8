namespace GhostRoll.Appliance.Cards;

/// <summary>
/// Which volume names mark a card for import. The configured label (<c>SD_LABEL</c>, default <c>auto-import</c>)
/// matches case-insensitively, because Windows and macOS store FAT labels in upper case (<c>AUTO-IMPORT</c>).
/// <c>auto-import 1</c>, <c>auto-import 2</c>... also match: macOS names a second volume of the same name that way,
/// and udev reports such a label with the space replaced (<c>ID_FS_LABEL=auto-import_1</c>).
/// </summary>
public static class CardLabel
{
    public static bool Matches(string configuredLabel, string? candidate)
    {
        if (string.IsNullOrWhiteSpace(candidate) || string.IsNullOrWhiteSpace(configuredLabel))
        {
            return false;
        }

        var label = configuredLabel.Trim();
        var name = candidate.Trim();
        if (!name.StartsWith(label, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = name.AsSpan(label.Length);
        if (rest.IsEmpty)
        {
            return true;
        }

        // "<label> 1" (mount point or exFAT label) or "<label>_1" (udev's whitespace-free ID_FS_LABEL).
        return rest.Length >= 2 && rest[0] is ' ' or '_' && IsDigits(rest[1..]);
    }

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
