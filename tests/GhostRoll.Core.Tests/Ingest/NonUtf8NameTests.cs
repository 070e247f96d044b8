using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using GhostRoll.Core.Tests.Support;
using GhostRoll.Ingest;
using GhostRoll.Pipeline;
using GhostRoll.Sessions;
using GhostRoll.Storage;
using GhostRoll.TestSupport;

namespace GhostRoll.Core.Tests.Ingest;

/// <summary>
/// Cards written by a PC in a code page: names (of files and of folders) that are not UTF-8 are found, copied with
/// verified SHA-256 under their reversible <see cref="CardNames"/> text, and recognised on the next run.
/// </summary>
public sealed class NonUtf8NameTests
{
    /// <summary>The card, as the bytes of each file's card path, with the content each file gets.</summary>
    private static readonly (byte[] Path, string Text)[] Names =
    [
        ([.. "DCIM/100HOST/caf"u8, 0xE9, .. ".JPG"u8], "DCIM/100HOST/caf%E9.JPG"), // Latin-1
        ([.. "DCIM/100HOST/bad"u8, 0xFF, 0xFE, .. "name.JPG"u8], "DCIM/100HOST/bad%FF%FEname.JPG"),
        ([.. "DCIM/100HOST/caf%E9.JPG"u8], "DCIM/100HOST/caf%25E9.JPG"), // a UTF-8 name spelled like the Latin-1 one's text
        ([.. "DCIM/100HOST/caf\u00e9.JPG"u8], "DCIM/100HOST/café.JPG"), // the same word in UTF-8
        ([.. "DCIM/"u8, 0xC9, .. "T"u8, 0xC9, .. "/IMG_0001.JPG"u8], "DCIM/%C9T%C9/IMG_0001.JPG"), // a folder that is not UTF-8
        ([.. "DCIM/100HOST/IMG_0002.JPG"u8], "DCIM/100HOST/IMG_0002.JPG"),
    ];

    [Fact]
    public async Task The_scanner_finds_every_name_and_the_card_source_opens_each_by_its_bytes()
    {
        using var card = new RawCard();
        card.WriteAll();

        var scan = CardScanner.Scan(card.Root);

        Assert.Empty(scan.Ignored);
        Assert.Equal(Names.Select(n => n.Text).Order(StringComparer.Ordinal), scan.Files.Select(f => f.CardPath));
        foreach (var (path, text) in Names)
        {
            var file = scan.Files.Single(f => f.CardPath == text);
            Assert.Equal(path, CardNames.PathToBytes(file.CardPath));
            Assert.Equal(RawCard.Content(path).Length, file.SizeBytes);
            Assert.Equal(Encoding.UTF8.GetBytes(text).AsSpan().SequenceEqual(path), file.NativePath is null); // bytes only where the text cannot name it
            await using var stream = FileSystemCardSource.Instance.OpenRead(file);
            using var read = new MemoryStream();
            await stream.CopyToAsync(read, TestContext.Current.CancellationToken);
            Assert.Equal(RawCard.Content(path), read.ToArray());
        }
    }

    [Fact]
    public async Task Every_file_is_imported_with_verified_SHA256_and_a_second_run_imports_nothing()
    {
        await using var h = new PipelineHarness(s => s.VerifyCopies = true);
        using var card = new RawCard();
        card.WriteAll();
        var before = card.Snapshot();

        var first = await h.RunAsync(card.Root);

        Assert.Equal(ImportOutcome.Completed, first.Outcome);
        Assert.Equal(Names.Length, first.Copied);
        Assert.Equal(Names.Select(n => n.Text).Order(StringComparer.Ordinal), h.Originals(first.SessionDir!));
        var journal = h.Database.SessionFiles(first.SessionId!);
        foreach (var (path, text) in Names)
        {
            var row = journal.Single(f => f.CardPath == text);
            Assert.Equal(FileState.Published, row.State); // copied, derived and in the local gallery
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(RawCard.Content(path))), row.Sha256);
            Assert.Equal(row.Sha256, TestCards.Sha256(Path.Combine(first.SessionDir!, "originals", text)));
            Assert.Equal(path, CardNames.PathToBytes(row.CardPath)); // the journal records the card's name exactly
        }

        var second = await h.RunAsync(card.Root);
        Assert.Equal(ImportOutcome.NoNewFiles, second.Outcome);
        Assert.Equal(Names.Length, second.Skipped);
        Assert.Single(h.Database.Sessions());
        Assert.Equal(before, card.Snapshot()); // never written to
    }

    [Fact]
    public async Task A_failed_copy_of_such_a_name_is_retried_on_the_next_run()
    {
        await using var h = new PipelineHarness();
        using var card = new RawCard();
        card.WriteAll();
        var failing = Names[1].Text;

        var first = await h.RunAsync(card.Root, new FailingSource(failing));
        Assert.Equal(ImportOutcome.CompletedWithProblems, first.Outcome);
        Assert.Equal(FileState.Failed, h.Database.SessionFiles(first.SessionId!).Single(f => f.CardPath == failing).State);

        var second = await h.RunAsync(card.Root);
        Assert.Equal(1, second.Copied);
        var row = h.Database.SessionFiles(second.SessionId ?? first.SessionId!).Single(f => f.CardPath == failing);
        Assert.Equal(FileState.Published, row.State); // copied, derived and in the local gallery
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(RawCard.Content(Names[1].Path))), row.Sha256);
        Assert.Equal(Names.Length, h.Database.IngestedCount());
    }

    /// <summary>
    /// The real binary is SIGKILLed at seeded random moments of an import of such names, then run again: the session
    /// resumes and completes with every file once, byte-identical, under the same text (the journal key held).
    /// </summary>
    [Fact]
    public async Task Killing_the_import_and_running_again_loses_and_duplicates_nothing()
    {
        using var card = new RawCard();
        var photo = File.ReadAllBytes(Fixtures.File("basic", "DCIM/100CANON/IMG_0102.JPG"));
        var files = Enumerable.Range(0, 12).Select(i => ((byte[])[.. "DCIM/100HOST/P"u8, (byte)('A' + i), 0xE9, 0xFF, .. ".JPG"u8], i)).ToList();
        card.Write(files.Select(f => (f.Item1, (byte[])[.. photo, .. f.Item1]))); // real photos (the run derives them), distinct content
        var expected = files.ToDictionary(f => $"DCIM/100HOST/P{(char)('A' + f.i)}%E9%FF.JPG", f => Convert.ToHexStringLower(SHA256.HashData([.. photo, .. f.Item1])));
        var before = card.Snapshot();

        using var temp = new TempDirectory("nonutf8-kill");
        var clock = Stopwatch.StartNew();
        var baseline = await new GhostRollProcess(temp.Combine("calibrate")).RunAsync("run", card.Root);
        var fullRun = clock.Elapsed;
        Assert.True(baseline.ExitCode == 0, baseline.Stderr);

        for (var seed = 1; seed <= 2; seed++) // two seeds: each is two imports of the real binary
        {
            var home = temp.Combine($"seed{seed}");
            var ghostroll = new GhostRollProcess(home);
            using (var process = ghostroll.Start("run", card.Root))
            {
                var fraction = new Random(seed).NextDouble();
                await Task.Delay(TimeSpan.FromMilliseconds(fraction * fraction * fullRun.TotalMilliseconds), TestContext.Current.CancellationToken);
                process.Kill(); // SIGKILL: no cleanup of any kind
                await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            }

            var final = await ghostroll.RunAsync("run", card.Root);
            Assert.True(final.ExitCode == 0, $"seed {seed}: exit {final.ExitCode}\n{final.Stderr}");
            using var db = GhostRollDatabase.Open(Path.Combine(home, "db", "ghostroll.db"));
            var session = Assert.Single(db.Sessions()); // resumed, never a second session for the same card
            Assert.Equal(SessionState.Done, session.State);
            var originals = Path.Combine(session.SessionDir, "originals");
            var copied = Directory.EnumerateFiles(originals, "*", SearchOption.AllDirectories)
                .ToDictionary(f => Path.GetRelativePath(originals, f), TestCards.Sha256, StringComparer.Ordinal);
            Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal), copied.OrderBy(e => e.Key, StringComparer.Ordinal));
            Assert.Empty(Directory.EnumerateFiles(home, "*" + AtomicFile.TempSuffix, SearchOption.AllDirectories));
        }

        Assert.Equal(before, card.Snapshot());
    }

    /// <summary>Fails every open of one card path, as a card read error would; everything else reads the real card.</summary>
    private sealed class FailingSource(string cardPath) : ICardFileSource
    {
        public Stream OpenRead(string fullPath) => FileSystemCardSource.Instance.OpenRead(fullPath);

        public Stream OpenRead(CardFile file) => file.CardPath == cardPath
            ? throw new IOException("Input/output error (injected)", 5)
            : FileSystemCardSource.Instance.OpenRead(file);
    }

    /// <summary>
    /// A card folder whose names are written with the shell: .NET strings cannot name them, and cannot delete them
    /// either (so <see cref="TempDirectory"/> would leave them behind).
    /// </summary>
    private sealed class RawCard : IDisposable
    {
        private readonly TempDirectory _temp = new("nonutf8");

        public string Root => _temp.Path;

        /// <summary>Distinct content per file, so no file hides another as a duplicate.</summary>
        public static byte[] Content(byte[] path) => [.. "GhostRoll test file "u8, .. path];

        public void WriteAll() => Write(Names.Select(n => (n.Path, Content(n.Path))));

        public void Write(IEnumerable<(byte[] Path, byte[] Content)> files)
        {
            foreach (var (path, content) in files)
            {
                var staging = _temp.Combine("staging");
                File.WriteAllBytes(staging, content);
                var target = Octal([.. Encoding.UTF8.GetBytes(Root + "/"), .. path]);
                Sh($"target=\"$(printf '%b' '{target}')\" && mkdir -p \"$(dirname \"$target\")\" && mv '{staging}' \"$target\"");
            }
        }

        /// <summary>Every entry as bytes with its size and SHA-256, read by find(1) and sha256sum(1).</summary>
        public string Snapshot() => Sh($"cd '{Root}' && find . -printf '%p|%y|%s|%T@\\n' | sort && find . -type f -print0 | sort -z | xargs -0 sha256sum");

        public void Dispose()
        {
            Sh($"rm -rf '{Root}'");
            _temp.Dispose();
        }

        /// <summary>An argument for <c>printf '%b'</c>: every byte as <c>\0NNN</c>, so no byte means anything to the shell.</summary>
        private static string Octal(byte[] bytes) => string.Concat(bytes.Select(b => $"\\0{Convert.ToString(b, 8).PadLeft(3, '0')}"));

        private static string Sh(string script)
        {
            using var process = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"{script}\n{error}");
            return output.Result;
        }
    }
}
