using System.Text.RegularExpressions;

namespace GhostRoll.Logging;

/// <summary>
/// Removes secrets before anything reaches a log: presigned URL signatures, credentials and session tokens,
/// <c>aws_secret_access_key</c>-style assignments, and the codes of short links. A presigned URL stays recognisable (host, key, expiry)
/// but can no longer be used by whoever reads the journal.
/// </summary>
public static partial class LogRedactor
{
    public const string Mask = "REDACTED";

    public static string Redact(string message)
    {
        if (message.Length == 0)
        {
            return message;
        }

        var result = QueryParameter().Replace(message, m => m.Groups[1].Value + "=" + Mask);
        result = SecretAssignment().Replace(result, m => m.Groups[1].Value + m.Groups[2].Value + Mask);
        result = AuthorizationHeader().Replace(result, m => m.Groups[1].Value + Mask);
        result = ShortLinkCode().Replace(result, m => m.Groups[1].Value + Mask);
        return result;
    }

    // SigV4 (X-Amz-Signature/Credential/Security-Token) and SigV2 (Signature, AWSAccessKeyId) query parameters.
    [GeneratedRegex(@"((?:X-Amz-(?:Signature|Credential|Security-Token))|(?<=[?&])(?:Signature|AWSAccessKeyId|x-amz-security-token))=[^&\s""'<>]+", RegexOptions.IgnoreCase)]
    private static partial Regex QueryParameter();

    [GeneratedRegex(@"((?:aws_)?(?:secret_access_key|session_token|secret|password|psk)\b)(\s*[=:]\s*""?)[^\s""&]+", RegexOptions.IgnoreCase)]
    private static partial Regex SecretAssignment();

    [GeneratedRegex(@"(Authorization:\s*)\S.*", RegexOptions.IgnoreCase)]
    private static partial Regex AuthorizationHeader();

    // A short link's code is its whole secret (20 base32 characters after a '/': in the link, or in the record's key
    // links/CODE.json). The first four stay, so a line can still be matched to a link.
    [GeneratedRegex(@"(?<=/)([A-Z2-7]{4})[A-Z2-7]{16}(?=\.json\b|[\s""'<>),;]|$)")]
    private static partial Regex ShortLinkCode();
}
