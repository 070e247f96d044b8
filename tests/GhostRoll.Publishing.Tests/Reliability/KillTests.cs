using System.Diagnostics;
using GhostRoll.Configuration;
using GhostRoll.Publishing.S3;
using GhostRoll.Publishing.Tests.Support;
using GhostRoll.Sessions;
using GhostRoll.Status;
using GhostRoll.Storage;
using GhostRoll.TestSupport;
using GhostRoll.TestSupport.S3;

namespace GhostRoll.Publishing.Tests.Reliability;

/// <summary>
/// Power cuts while publishing: the real binary imports a card into a bucket on the signature-checking Swift server
/// and is SIGKILLed once or twice per seed at seeded moments spread evenly over a whole run (copying, deriving, the
/// local gallery, uploads and the final manifest), then run again. Whatever the moment, the originals are the card's
/// bytes, each content once, the one session is done, the bucket holds exactly our bytes and a complete manifest,
/// the ledger lists exactly the bucket, and no object was stored twice: the server's access log must show at most one
/// completed upload per key (a repeat is allowed only after an upload the server never completed). Quick: 2 seeds;
/// GRTEST_RELIABILITY_FULL=1: 200; the test switch GRTEST_S3_KILL_SEEDS sets the number.
/// </summary>
public sealed class KillTests(LoopbackServers servers)
{
    /// <summary>
    /// Seeds 1 to 2, or 1 to 200 with GRTEST_RELIABILITY_FULL=1. The test switch GRTEST_S3_KILL_SEEDS sets a count
    /// ("20": seeds 1 to 20) or a range ("21-40"), so a long run can be split into batches that continue each other.
    /// </summary>
    private static readonly (int First, int Last) Seeds = Environment.GetEnvironmentVariable("GRTEST_S3_KILL_SEEDS") switch
    {
        { } range when range.Split('-') is [var from, var to] && int.TryParse(from, out var first) && int.TryParse(to, out var last) && first >= 1 && last >= first => (first, last),
        { } count when int.TryParse(count, out var n) && n > 0 => (1, n),
        _ => (1, ReliabilityRuns.Trials(quick: 2, full: 200)),
    };

    /// <summary>Rewritten during a session by design (the interim and final manifest, the page): not ledgered, not counted.</summary>
    private static bool Rewritten(string key) =>
        key.EndsWith("/index.html", StringComparison.Ordinal) || key.EndsWith("/manifest.json", StringComparison.Ordinal);

    [Fact]
    public async Task Killing_an_import_that_publishes_never_loses_a_file_nor_stores_an_object_twice()
    {
        var ct = TestContext.Current.CancellationToken;
        var swift = await servers.SwiftAsync();
        using var temp = new TempDirectory("kill-s3");
        // Small, so that one seed (a calibrated run, one or two kills, the rerun) stays short on a loaded machine.
        var card = TestCards.WithUniqueCopies(temp.Combine("card"), 10);
        File.Copy(Path.Combine(card, "DCIM/100TEST/IMG_0000.JPG"), Path.Combine(card, "DCIM/100TEST/COPY_OF_0000.JPG")); // an in-card duplicate
        var cardFiles = Directory.EnumerateFiles(card, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(card, f), TestCards.Sha256);
        var unique = cardFiles.Values.Distinct().Count();

        // How long an uninterrupted run with publishing takes here, so kills land across the whole run.
        var calibration = await ImporterAsync(swift, temp.Combine("calibrate"), "kcal");
        var clock = Stopwatch.StartNew();
        var baseline = await calibration.Process.RunAsync("run", card);
        var fullRun = clock.Elapsed;
        Assert.True(baseline.ExitCode == 0, baseline.Stdout + baseline.Stderr);

        var stages = new SortedDictionary<string, int>(StringComparer.Ordinal);
        int kills = 0, landed = 0, interrupted = 0, stored = 0;
        for (var seed = Seeds.First; seed <= Seeds.Last; seed++)
        {
            var random = new Random(seed);
            var home = temp.Combine($"seed{seed}");
            var (ghostroll, bucket) = await ImporterAsync(swift, home, $"kill{seed}");
            for (var kill = 0; kill < 1 + (seed % 2); kill++)
            {
                using var process = ghostroll.Start("run", card);
                _ = process.StandardOutput.ReadToEndAsync(ct); // drained, so a full pipe never stalls the import
                _ = process.StandardError.ReadToEndAsync(ct);
                await Task.Delay(TimeSpan.FromMilliseconds(random.NextDouble() * fullRun.TotalMilliseconds), ct);
                var stage = process.HasExited ? "after the end" : StageOf(StatusFile.TryRead(Path.Combine(home, "status.json")));
                process.Kill(); // SIGKILL: no cleanup of any kind
                await process.WaitForExitAsync(ct);
                kills++;
                landed += stage == "after the end" ? 0 : 1;
                stages[stage] = stages.GetValueOrDefault(stage) + 1;
            }

            var final = await ghostroll.RunAsync("run", card);
            Assert.True(final.ExitCode == 0, $"seed {seed}: exit {final.ExitCode}\n{final.Stdout}\n{final.Stderr}");

            using var db = GhostRollDatabase.Open(Path.Combine(home, "db", "ghostroll.db"));
            Assert.Equal("ok", db.Check(full: true));
            var session = Assert.Single(db.Sessions()); // resumed, never a second session for the same card
            Assert.Equal(SessionState.Done, session.State);
            Assert.Equal(unique, db.IngestedCount());

            var originals = Path.Combine(session.SessionDir, "originals");
            var copied = Directory.EnumerateFiles(originals, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(originals, f), TestCards.Sha256);
            Assert.Equal(unique, copied.Count); // each content once
            Assert.All(copied, c => Assert.Equal(cardFiles[c.Key], c.Value)); // byte-identical to the card
            Assert.Equal(cardFiles.Values.ToHashSet(), copied.Values.ToHashSet()); // nothing lost
            Assert.Empty(Directory.EnumerateFiles(home, "*" + AtomicFile.TempSuffix, SearchOption.AllDirectories));

            // The bucket: our bytes, exactly what the ledger says, and a complete manifest of every entry.
            var prefix = $"{new GhostRollSettings().S3PrefixRoot}{session.SessionId}/";
            var objects = (await swift.ListKeysAsync(bucket, prefix)).Where(k => !Rewritten(k)).ToList();
            Assert.Equal(new UploadLedger(db).UploadsUnder(prefix).Keys.Order(StringComparer.Ordinal), objects);
            foreach (var key in objects)
            {
                var relative = key[prefix.Length..];
                var local = new[] { relative, "derived/" + relative }.Select(p => Path.Combine(session.SessionDir, p)).FirstOrDefault(File.Exists);
                Assert.True(local is not null, $"seed {seed}: {key} is in the bucket but no local file matches it");
                var inBucket = await swift.GetBytesAsync(bucket, key) ?? [];
                Assert.True(File.ReadAllBytes(local).AsSpan().SequenceEqual(inBucket), $"seed {seed}: {key} differs from {local}");
            }

            var entries = db.GalleryEntries(session.SessionId);
            Assert.Equal(unique, entries.Count);
            var manifest = Browserless.ParseManifest(await swift.GetBytesAsync(bucket, prefix + "manifest.json") ?? throw new InvalidOperationException($"seed {seed}: no manifest.json"));
            Assert.True(manifest.Complete, $"seed {seed}: the manifest in the bucket is not complete");
            Assert.Equal(entries.Select(e => e.Key).Order(StringComparer.Ordinal), manifest.Items.Select(i => i.Id).Order(StringComparer.Ordinal));

            // Nothing stored twice, in the server's words: per key, at most one upload the server completed.
            var uploads = SwiftAccessLog.Requests(swift, bucket).Where(r => r.StoresObject && !Rewritten(r.Key)).ToList();
            var twice = uploads.Where(r => r.Succeeded).GroupBy(r => r.Key).Where(g => g.Count() > 1).Select(g => $"{g.Key} ({g.Count()}x)").ToList();
            Assert.True(twice.Count == 0, $"seed {seed}: stored more than once: {string.Join(", ", twice)}");
            Assert.Equal(objects, uploads.Where(r => r.Succeeded).Select(r => r.Key).Order(StringComparer.Ordinal));
            interrupted += uploads.Count(r => !r.Succeeded);
            stored += objects.Count;
        }

        ReliabilityRuns.Report($"kills with publishing (Swift): seeds {Seeds.First} to {Seeds.Last}, {kills} SIGKILLs over a {fullRun.TotalSeconds:0.0} s run, {landed} landed in a running import (" +
                               string.Join(", ", stages.Select(s => $"{s.Value} {s.Key}")) + $"); {stored} objects stored once each, {interrupted} uploads the server did not answer 2xx (the client killed mid-request) sent again; " +
                               "every session done, integrity_check ok, no temporary files, originals identical, manifest complete, ledger = bucket");
    }

    /// <summary>A ghostroll home that publishes to a new bucket of the Swift server with its credentials.</summary>
    private static async Task<(GhostRollProcess Process, string Bucket)> ImporterAsync(LoopbackS3Server server, string home, string label)
    {
        var bucket = await server.CreateBucketAsync(label);
        return (new GhostRollProcess(home).PublishingTo(server, bucket), bucket);
    }

    /// <summary>
    /// What the import was doing when it was killed, from the status file it rewrites about once a second (so a rough
    /// label): the earliest stage with work left, since copying, deriving and uploading overlap.
    /// </summary>
    private static string StageOf(StatusDocument? status)
    {
        if (status is null || status.State != StatusStates.Running)
        {
            return "start-up";
        }

        var counts = status.Counts;
        var uploading = counts.UploadedDone > 0 && counts.UploadedDone < counts.UploadedTotal ? " while uploading" : "";
        return counts.CopiedDone < counts.CopiedTotal ? "copy" + uploading
            : counts.ProcessedDone < counts.ProcessedTotal ? "derive" + uploading
            : status.Step is StatusStep.Publish or StatusStep.Upload || counts.UploadedDone >= counts.UploadedTotal ? "gallery and final publish"
            : "upload";
    }
}
