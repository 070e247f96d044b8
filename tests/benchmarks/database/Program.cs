using System.Diagnostics;
using System.Globalization;
using GhostRoll.Media;
using GhostRoll.Sessions;
using GhostRoll.Storage;

// Database hot-path benchmark (docs/benchmarks/database.md): one import session of FILES card files as the copy stage
// drives the journal: the session's files added, then per file a dedupe lookup and the "copied" transaction (ledger
// insert, journal update, fingerprint upsert), then the rerun's batch lookups. Uses only GhostRollDatabase's public
// API so the same file builds against any revision. Prints CPU time (user + system) per round, which is what a loaded
// machine can still measure; wall time is shown for reference only.
//   GhostRoll.Benchmarks.Database WORKDIR [FILES=2000] [ROUNDS=5]
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: GhostRoll.Benchmarks.Database WORKDIR [FILES=2000] [ROUNDS=5]");
    return 2;
}

var work = args[0];
var files = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000;
var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
Directory.CreateDirectory(work);
var me = Process.GetCurrentProcess();
var cpu = new List<double>();
for (var round = 0; round <= rounds; round++)
{
    var path = Path.Combine(work, $"bench-{round}.db");
    foreach (var leftover in new[] { path, path + "-wal", path + "-shm" })
    {
        File.Delete(leftover);
    }

    var cards = Enumerable.Range(0, files).Select(i => new SessionFileRecord(
        $"DCIM/{100 + i / 1000}CANON/IMG_{i:0000}.JPG", $"{100 + i / 1000}CANON/IMG_{i:0000}", MediaKind.Jpeg, 4_000_000 + i, 1_700_000_000_000_000_000 + i, null, FileState.Discovered)).ToList();
    var shas = cards.Select((_, i) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i)))).ToList();
    me.Refresh();
    var cpuStart = me.TotalProcessorTime;
    var wall = Stopwatch.StartNew();
    using (var db = GhostRollDatabase.Open(path))
    {
        db.CreateSession(new SessionRecord("bench", SessionState.Active, "uuid:bench", "CARD", "/media/card", work, DateTime.UtcNow, DateTime.UtcNow, null, null, null));
        db.AddSessionFiles("bench", cards);
        var sizes = db.IngestedSizes();
        for (var i = 0; i < files; i++)
        {
            // The copy stage asks the ledger only when the size is known; ask every time here to time the lookup.
            if (sizes.Contains(cards[i].SizeBytes) || db.IsIngested(shas[i]))
            {
                throw new InvalidOperationException("a new file was found in the ledger");
            }

            db.RecordCopied("bench", cards[i].CardPath, shas[i], cards[i].SizeBytes, cards[i].MtimeNs, "uuid:bench", cards[i].CardPath);
        }

        // The same card again: fingerprints and the ledger answer everything.
        if (db.Fingerprints("uuid:bench").Count != files || db.IngestedAmong(shas).Count != files || db.IngestedCount() != files)
        {
            throw new InvalidOperationException("rows are missing");
        }
    }

    wall.Stop();
    me.Refresh();
    var seconds = (me.TotalProcessorTime - cpuStart).TotalSeconds;
    if (round > 0)
    {
        cpu.Add(seconds); // round 0 warms the JIT and the page cache
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round={round} files={files} cpu_s={seconds:0.000} wall_s={wall.Elapsed.TotalSeconds:0.000}{(round == 0 ? " (warm-up)" : "")}"));
}

cpu.Sort();
var median = cpu[cpu.Count / 2];
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"median_cpu_s={median:0.000} cpu_us_per_file={median * 1e6 / files:0} min_cpu_s={cpu[0]:0.000} max_cpu_s={cpu[^1]:0.000} sqlite={SqliteVersion()}"));
return 0;

static string SqliteVersion()
{
    using var p = Process.Start(new ProcessStartInfo("sqlite3", ["--version"]) { RedirectStandardOutput = true, UseShellExecute = false })!;
    return p.StandardOutput.ReadToEnd().Split(' ')[0];
}
