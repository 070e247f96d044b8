using System.Security.Cryptography;
using System.Text;
using GhostRoll.Appliance.Setup;

namespace GhostRoll.Appliance.Hotspot;

/// <summary>
/// The hotspot's WPA2 passphrase: made once, on the first start, from a CSPRNG and kept in a file only its owner
/// can read (mode 0600), so it stays the same across restarts and phones that joined once rejoin by themselves.
/// It is shown on the panel and by <c>ghostroll hotspot --show</c> on a terminal, never written to a log.
/// </summary>
public static class HotspotPassphrase
{
    /// <summary>
    /// Capitals and digits without the look-alikes 0/O, 1/I/L (and 5/S, 2/Z, 8/B are kept apart by DejaVu Sans):
    /// people read it off a 2-inch e-ink panel and type it on a phone. 31 symbols.
    /// </summary>
    public const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    /// <summary>12 symbols of 31 = 59 bits: out of reach of an offline guess against a captured WPA2 handshake.</summary>
    public const int Length = 12;

    public static string Generate()
    {
        var text = new StringBuilder(Length);
        for (var i = 0; i < Length; i++)
        {
            // GetInt32 rejects out-of-range draws, so every symbol is equally likely (no modulo bias).
            text.Append(Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)]);
        }

        return text.ToString();
    }

    /// <summary>
    /// The passphrase in <paramref name="path"/>, made and stored (0600, given to <paramref name="owner"/> when set:
    /// the display runs as the service account and shows it) if the file does not exist yet. A file someone edited
    /// by hand is accepted when WPA2 accepts it (8-63 printable ASCII characters); otherwise the error says how to
    /// fix it, and nothing is overwritten.
    /// </summary>
    public static string LoadOrCreate(string path, SystemUser? owner = null)
    {
        if (File.Exists(path))
        {
            return Read(path) ?? throw new InvalidDataException(
                $"{path} does not hold a WPA2 passphrase (8-63 printable ASCII characters on one line). Fix it, or delete it to have a new one made at the next start.");
        }

        var passphrase = Generate();
        PrivateFile.Write(path, passphrase + "\n", owner);
        return passphrase;
    }

    /// <summary>The passphrase in <paramref name="path"/>, or null when the file is missing, unreadable or not a WPA2 passphrase.</summary>
    public static string? Read(string path)
    {
        try
        {
            var text = File.ReadAllText(path).TrimEnd('\r', '\n');
            return IsValid(text) ? text : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>IEEE 802.11i: a passphrase is 8 to 63 printable ASCII characters.</summary>
    public static bool IsValid(string text) => text.Length is >= 8 and <= 63 && text.All(c => c is >= ' ' and <= '~');
}
