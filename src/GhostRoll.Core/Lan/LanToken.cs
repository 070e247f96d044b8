using System.Buffers.Text;
using System.Security.Cryptography;

namespace GhostRoll.Lan;

/// <summary>
/// The unguessable part of a session's LAN link (<c>http://192.168.1.20/&lt;token&gt;/</c>): 128 bits from the
/// system's CSPRNG, base64url without padding (22 characters). Each token is drawn on its own, so knowing one
/// session's link says nothing about another's; 128 bits is twice the 64 the design asks for and still fits a QR
/// at 3+ pixels per module on the 122-pixel panel (docs/lan.md).
/// </summary>
public static class LanToken
{
    public const int RandomBytes = 16;

    /// <summary>Characters of a token: ceil(16 × 8 / 6).</summary>
    public const int Length = 22;

    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(RandomBytes));

    /// <summary>True for exactly 22 base64url characters (what <see cref="New"/> makes; nothing that could be a path).</summary>
    public static bool IsWellFormed(string? text) =>
        text is { Length: Length } && text.All(c => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_');
}
