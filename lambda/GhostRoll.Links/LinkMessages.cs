using System.Text;

namespace GhostRoll.Links;

/// <summary>One plain request as both front ends (Function URL event, Kestrel) see it.</summary>
/// <param name="Authority">host[:port] the viewer used (X-Forwarded-Host, else Host), used to build absolute links.</param>
/// <param name="AcceptsGzip">The client sent <c>Accept-Encoding: gzip</c>.</param>
public sealed record LinkRequest(string Method, string Path, string? Authority, string Scheme, bool AcceptsGzip = false);

/// <summary>What the service answers: status, headers (security headers included) and body bytes.</summary>
public sealed record LinkResponse(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string Text => Encoding.UTF8.GetString(Body);

    public bool IsGzip => Headers.TryGetValue("Content-Encoding", out var e) && e == "gzip";
}
