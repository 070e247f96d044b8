namespace GhostRoll.Appliance.Cards;

/// <summary>
/// Which volume names mark a card for import. The configured label (<c>SD_LABEL</c>, default <c>auto-import</c>)
/// matches case-insensitively, because Windows and macOS store FAT labels in upper case (<c>AUTO-IMPORT</c>).
/// Numbered names also match: macOS mounts a second volume of the same name as <c>auto-import 1</c>, udisks on
/// Linux desktops as <c>auto-import1</c>, and udev writes a label's spaces as <c>_</c> (<c>auto-import_1</c>).
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

        // "<label> 1" (macOS), "<label>1" (udisks), "<label>_1" (udev's whitespace-free ID_FS_LABEL).
        var digits = rest[0] is ' ' or '_' ? rest[1..] : rest;
        return !digits.IsEmpty && IsDigits(digits);
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
