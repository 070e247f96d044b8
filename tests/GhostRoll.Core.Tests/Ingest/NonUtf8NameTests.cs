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
        using var card = new RawNameCard();
        card.Write(Names.Select(n => (n.Path, RawNameCard.Content(n.Path))));

        var scan = CardScanner.Scan(card.Root);

        Assert.Empty(scan.Ignored);
        Assert.Equal(Names.Select(n => n.Text).Order(StringComparer.Ordinal), scan.Files.Select(f => f.CardPath));
        foreach (var (path, text) in Names)
        {
            var file = scan.Files.Single(f => f.CardPath == text);
            Assert.Equal(path, CardNames.PathToBytes(file.CardPath));
            Assert.Equal(RawNameCard.Content(path).Length, file.SizeBytes);
            Assert.Equal(Encoding.UTF8.GetBytes(text).AsSpan().SequenceEqual(path), file.NativePath is null); // bytes only where the text cannot name it
            await using var stream = FileSystemCardSource.Instance.OpenRead(file);
            using var read = new MemoryStream();
            await stream.CopyToAsync(read, TestContext.Current.CancellationToken);
            Assert.Equal(RawNameCard.Content(path), read.ToArray());
        }
    }

    [Fact]
    public async Task Every_file_is_imported_with_verified_SHA256_and_a_second_run_imports_nothing()
    {
        await using var h = new PipelineHarness(s => s.VerifyCopies = true);
        using var card = new RawNameCard();
        card.Write(Names.Select(n => (n.Path, RawNameCard.Content(n.Path))));
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
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(RawNameCard.Content(path))), row.Sha256);
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
        using var card = new RawNameCard();
        card.Write(Names.Select(n => (n.Path, RawNameCard.Content(n.Path))));
        var failing = Names[1].Text;

        var first = await h.RunAsync(card.Root, new FailingSource(failing));
        Assert.Equal(ImportOutcome.CompletedWithProblems, first.Outcome);
        Assert.Equal(FileState.Failed, h.Database.SessionFiles(first.SessionId!).Single(f => f.CardPath == failing).State);

        var second = await h.RunAsync(card.Root);
        Assert.Equal(1, second.Copied);
        var row = h.Database.SessionFiles(second.SessionId ?? first.SessionId!).Single(f => f.CardPath == failing);
        Assert.Equal(FileState.Published, row.State); // copied, derived and in the local gallery
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(RawNameCard.Content(Names[1].Path))), row.Sha256);
        Assert.Equal(Names.Length, h.Database.IngestedCount());
    }

    /// <summary>Fails every open of one card path, as a card read error would; everything else reads the real card.</summary>
    private sealed class FailingSource(string cardPath) : ICardFileSource
    {
        public Stream OpenRead(string fullPath) => FileSystemCardSource.Instance.OpenRead(fullPath);

        public Stream OpenRead(CardFile file) => file.CardPath == cardPath
            ? throw new IOException("Input/output error (injected)", 5)
            : FileSystemCardSource.Instance.OpenRead(file);
    }
}
