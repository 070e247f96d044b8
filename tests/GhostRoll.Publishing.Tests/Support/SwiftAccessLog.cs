using GhostRoll.TestSupport.S3;

namespace GhostRoll.Publishing.Tests.Support;

/// <summary>One S3 request as the Swift proxy logged it once it had answered (or seen the client go away: 499).</summary>
/// <param name="Key">Object key, unescaped, without the bucket and the query.</param>
/// <param name="Query">The query string, unescaped ("" when none).</param>
public sealed record SwiftRequest(string Method, string Key, string Query, int Status)
{
    public bool Succeeded => Status is >= 200 and < 300;

    /// <summary>
    /// A request that stores a whole object: a plain PUT, or the POST that completes a multipart upload. Parts
    /// (PUT ?partNumber=) and the multipart start (POST ?uploads) store nothing readable by themselves.
    /// </summary>
    public bool StoresObject =>
        (Method == "PUT" && Query.Length == 0 && Key.Length > 0) ||
        (Method == "POST" && Query.Contains("uploadId=", StringComparison.Ordinal));
}

/// <summary>
/// The server's own account of what was sent to it: the access lines the first proxy-logging middleware of
/// <see cref="SwiftS3Server"/> writes to <c>log/proxy.log</c>, one per client request, after the response
/// (<c>proxy-server: CLIENT REMOTE DATE METHOD /BUCKET/KEY%3FQUERY PROTOCOL STATUS ...</c>). Independent of the
/// client: a request the client never saw answered (killed mid-request) is still here, with the status the server
/// gave it, so "was this upload completed before the kill" is the server's word, not the uploader's.
/// </summary>
public static class SwiftAccessLog
{
    public static string PathOf(LoopbackS3Server server) => Path.Combine(server.DataDir, "log", "proxy.log");

    /// <summary>Every logged request on <paramref name="bucket"/>, in log order.</summary>
    public static List<SwiftRequest> Requests(LoopbackS3Server server, string bucket)
    {
        var result = new List<SwiftRequest>();
        using var stream = new FileStream(PathOf(server), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var marker = "/" + bucket + "/";
        while (reader.ReadLine() is { } line)
        {
            var words = line.Split(' ');
            // proxy-server: client remote date METHOD path protocol status
            if (words.Length < 8 || words[0] != "proxy-server:" || !words[5].StartsWith(marker, StringComparison.Ordinal))
            {
                continue;
            }

            var target = words[5][marker.Length..];
            var question = target.IndexOf("%3F", StringComparison.OrdinalIgnoreCase);
            var (key, query) = question < 0 ? (target, "") : (target[..question], target[(question + 3)..]);
            if (int.TryParse(words[7], System.Globalization.CultureInfo.InvariantCulture, out var status))
            {
                result.Add(new SwiftRequest(words[4], Uri.UnescapeDataString(key), Uri.UnescapeDataString(query), status));
            }
        }

        return result;
    }
}
