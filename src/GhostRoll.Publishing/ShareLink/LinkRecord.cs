using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GhostRoll.Publishing.ShareLink;

/// <summary>
/// <c>links/&lt;CODE&gt;.json</c> in the session's bucket: the whole state of one short link. The appliance writes it
/// (<c>ghostroll run</c> at the early-link moment, <c>ghostroll share</c> for expiry, revoke and renew); the link
/// service (lambda/) only reads it. There is no other database: a code that has no record does not exist.
/// </summary>
public sealed record LinkRecord
{
    public int Version { get; init; } = 1;

    /// <summary>The code in the link (<see cref="LinkCode"/>).</summary>
    public required string Code { get; init; }

    public required string SessionId { get; init; }

    /// <summary>Key prefix of the session in the bucket, with its trailing '/': <c>sessions/shoot-.../</c>.</summary>
    public required string SessionPrefix { get; init; }

    /// <summary>Heading of the gallery page.</summary>
    public required string Title { get; init; }

    /// <summary>How often the page asks for a fresh manifest while the session is still copying.</summary>
    public double PollSeconds { get; init; } = 2;

    public required DateTimeOffset CreatedUtc { get; init; }

    /// <summary>When the link stops opening; null = never.</summary>
    public DateTimeOffset? ExpiresUtc { get; init; }

    /// <summary>When the owner revoked the link (<c>ghostroll share --revoke</c> or <c>--renew</c>); null = not revoked.</summary>
    public DateTimeOffset? RevokedUtc { get; init; }

    /// <summary>A new link with a fresh code for a session; it expires after LINK_EXPIRY_DAYS (0 = never).</summary>
    public static LinkRecord New(string sessionId, string sessionPrefix, GhostRoll.Configuration.GhostRollSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new LinkRecord
        {
            Code = LinkCode.New(),
            SessionId = sessionId,
            SessionPrefix = sessionPrefix,
            Title = sessionId,
            PollSeconds = settings.PollSeconds,
            CreatedUtc = now,
            ExpiresUtc = settings.LinkExpiryDays > 0 ? now.AddDays(settings.LinkExpiryDays) : null,
        };
    }

    public LinkState StateAt(DateTimeOffset now) =>
        RevokedUtc is not null ? LinkState.Revoked
        : ExpiresUtc is { } expires && now >= expires ? LinkState.Expired
        : LinkState.Active;

    /// <summary>The object key of a code's record: <c>links/&lt;CODE&gt;.json</c> (at the bucket root, beside the sessions).</summary>
    public static string KeyFor(string code) => $"{KeyPrefix}{code}.json";

    public const string KeyPrefix = "links/";

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, LinkJsonContext.Default.LinkRecord);

    /// <summary>Parses a record; null when the bytes are not one (the service then treats the code as unknown).</summary>
    public static LinkRecord? FromJson(ReadOnlySpan<byte> json)
    {
        try
        {
            var record = JsonSerializer.Deserialize(json, LinkJsonContext.Default.LinkRecord);
            return record is { Version: 1 } && LinkCode.IsWellFormed(record.Code) && !string.IsNullOrEmpty(record.SessionPrefix)
                ? record
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

public enum LinkState
{
    Active,
    Revoked,
    Expired,
}

/// <summary>
/// Link codes: 20 characters of RFC 4648 base32 (A-Z, 2-7) from the system's cryptographic random source, i.e.
/// 100 random bits: not guessable, never sequential. Every character is in QR alphanumeric mode (5.5 bits a
/// character instead of 8), which is what keeps the whole link small enough for large modules on the panel.
/// </summary>
public static class LinkCode
{
    public const int Length = 20;

    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string New()
    {
        Span<byte> random = stackalloc byte[Length];
        RandomNumberGenerator.Fill(random);
        Span<char> code = stackalloc char[Length];
        for (var i = 0; i < Length; i++)
        {
            code[i] = Alphabet[random[i] & 31]; // 32 divides 256: no modulo bias.
        }

        return new string(code);
    }

    public static bool IsWellFormed(string? code) =>
        code is { Length: Length } && code.AsSpan().IndexOfAnyExcept(Alphabet) < 0;
}

/// <summary>The short link itself: the service's base URL and the code.</summary>
public static class ShortLink
{
    /// <summary>
    /// <c>HTTPS://LINKS.EXAMPLE.COM/CODE</c>. Scheme and host are case-insensitive (RFC 3986 §3.1, §3.2.2), so they
    /// are written upper case whenever the base's path allows it: then the whole link is in QR alphanumeric mode.
    /// A base with lower-case path characters is kept as given (byte mode, larger QR, still correct).
    /// </summary>
    public static string Compose(Uri serviceBase, string code)
    {
        ArgumentNullException.ThrowIfNull(serviceBase);
        if (!LinkCode.IsWellFormed(code))
        {
            throw new ArgumentException($"'{code}' is not a link code", nameof(code));
        }

        var path = serviceBase.AbsolutePath.EndsWith('/') ? serviceBase.AbsolutePath : serviceBase.AbsolutePath + "/";
        var authority = serviceBase.IsDefaultPort ? serviceBase.Host : $"{serviceBase.Host}:{serviceBase.Port.ToString(CultureInfo.InvariantCulture)}";
        var head = $"{serviceBase.Scheme}://{authority}";
        return IsAlphanumeric(path) ? $"{head.ToUpperInvariant()}{path}{code}" : $"{head}{path}{code}";
    }

    /// <summary>The code at the end of a short link, or null.</summary>
    public static string? CodeOf(string link)
    {
        var slash = link.LastIndexOf('/');
        var code = slash < 0 ? link : link[(slash + 1)..];
        return LinkCode.IsWellFormed(code) ? code : null;
    }

    /// <summary>Characters of QR alphanumeric mode (ISO/IEC 18004 table 5): 0-9, A-Z, space and $%*+-./:.</summary>
    public static bool IsAlphanumeric(string text) =>
        text.AsSpan().IndexOfAnyExcept("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:") < 0;
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(LinkRecord))]
internal sealed partial class LinkJsonContext : JsonSerializerContext;
