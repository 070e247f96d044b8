using System.Net;
using GhostRoll.Doctor;
using GhostRoll.Pipeline;
using GhostRoll.Publishing.S3;
using GhostRoll.Publishing.ShareLink;
using GhostRoll.Screens.Qr;

namespace GhostRoll.Publishing.Doctor;

/// <summary>
/// The link-service part of <c>ghostroll doctor</c>: a test link round-trips through the service exactly as a real
/// one does. Its record is written to the bucket, the service must open it (200), answer 410 once it is revoked and
/// 404 once the record is gone, which also proves the service reads the same bucket as the appliance.
/// </summary>
internal static class LinkServiceCheck
{
    private const string Name = "link service";

    public static async Task<List<DoctorResult>> RunAsync(S3Connection connection, Uri service, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var record = new LinkRecord
        {
            Code = LinkCode.New(),
            SessionId = "ghostroll-doctor",
            SessionPrefix = $"{connection.PrefixRoot}.ghostroll-doctor/",
            Title = "ghostroll doctor",
            CreatedUtc = now,
            ExpiresUtc = now.AddMinutes(10),
        };
        var link = ShortLink.Compose(service, record.Code);
        var store = new LinkStore(connection, S3RetryPolicy.None);
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(15) };
        var checks = new List<DoctorResult>();
        try
        {
            await store.PutAsync(record, cancellationToken).ConfigureAwait(false);
            var steps = new (string What, Func<Task> Before, HttpStatusCode Expected)[]
            {
                ("a test link", () => Task.CompletedTask, HttpStatusCode.OK),
                ("the test link once revoked", () => store.PutAsync(record with { RevokedUtc = now }, cancellationToken), HttpStatusCode.Gone),
                ("the test link once its record was removed", () => store.DeleteAsync(record.Code, cancellationToken), HttpStatusCode.NotFound),
            };
            foreach (var (what, before, expected) in steps)
            {
                await before().ConfigureAwait(false);
                var status = await GetStatusAsync(http, link, cancellationToken).ConfigureAwait(false);
                if (status != expected)
                {
                    var (happened, advice) = Explain(service, connection, what, status, expected);
                    checks.Add(DoctorResult.Fail(Name, happened, advice));
                    return checks;
                }
            }
        }
        catch (HttpRequestException e)
        {
            checks.Add(DoctorResult.Fail(Name, $"{service} does not answer ({e.Message})", "Start it ('ghostroll-links --listen HOST:PORT') or check GHOSTROLL_LINK_SERVICE_URL against the Function URL that 'sam deploy' printed"));
            return checks;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            checks.Add(DoctorResult.Fail(Name, $"{service} did not answer within 15 s", "Check GHOSTROLL_LINK_SERVICE_URL and the network"));
            return checks;
        }
        catch (PublishException e)
        {
            checks.Add(DoctorResult.Fail(Name, $"could not write the test link's record: {e.Message}", "Fix what the s3 lines above report (the records live in the bucket), then run 'ghostroll doctor' again"));
            return checks;
        }
        finally
        {
            await DeleteQuietlyAsync(store, record.Code).ConfigureAwait(false);
        }

        checks.Add(DoctorResult.Ok(Name,
            $"{service} opened a test link (200), answered 410 once it was revoked and 404 once it was removed; links are {PanelQr.Describe(link, PanelQr.Check(link))}"));
        return checks;
    }

    private static async Task<HttpStatusCode> GetStatusAsync(HttpClient http, string link, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(link), HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        return response.StatusCode;
    }

    /// <summary>What the service's wrong answer means, and what to do about it.</summary>
    private static (string Happened, string Advice) Explain(Uri service, S3Connection connection, string what, HttpStatusCode status, HttpStatusCode expected) =>
        (status, expected) switch
        {
            (HttpStatusCode.NotFound, HttpStatusCode.OK) =>
                ($"{service} answered 404 for {what} whose record is in s3://{connection.Bucket}/{LinkRecord.KeyPrefix}: the service reads another bucket, or it is not a GhostRoll link service",
                 $"Give the service GHOSTROLL_S3_BUCKET={connection.Bucket} and the same endpoint"),
            (HttpStatusCode.Forbidden or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway, HttpStatusCode.OK) =>
                ($"{service} answered {(int)status} for {what}: it cannot read s3://{connection.Bucket}/{LinkRecord.KeyPrefix}",
                 "Give its role or credentials s3:GetObject there (docs/short-links.md)"),
            _ => ($"{service} answered {(int)status} for {what}, expected {(int)expected}",
                  "Check that GHOSTROLL_LINK_SERVICE_URL is a GhostRoll link service of this version"),
        };

    private static async Task DeleteQuietlyAsync(LinkStore store, string code)
    {
        try
        {
            await store.DeleteAsync(code, CancellationToken.None).ConfigureAwait(false);
        }
        catch (PublishException)
        {
            // Best effort: a leftover test record expires in 10 minutes and is revoked or never opened.
        }
    }
}
