using GhostRoll.Imaging.Codecs;
using GhostRoll.Imaging.Deriving;
using GhostRoll.Imaging.Interop;
using GhostRoll.Imaging.Tests.Support;
using GhostRoll.Pipeline;
using GhostRoll.TestSupport;

namespace GhostRoll.Imaging.Tests;

/// <summary>Bad input becomes a per-file failure in plain words; nothing throws, nothing leaks.</summary>
[Collection(nameof(NativeResourceCollection))]
public sealed class GuardTests : IDisposable
{
    private readonly TempDirectory _dir = new("imaging-guard");
    private readonly ImageDeriver _deriver = new();

    [Fact]
    public async Task Truncated_jpeg_is_a_per_file_error_that_says_so()
    {
        var original = await File.ReadAllBytesAsync(Fixtures.File("basic", "DCIM/100CANON/IMG_0102.JPG"), TestContext.Current.CancellationToken);
        var outcome = await DeriveBytes("DCIM/100CANON/CUT_0102.JPG", original[..(original.Length / 2)]);
        Assert.NotNull(outcome.Error);
        Assert.Contains("truncated", outcome.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("CUT_0102.JPG", outcome.Error, StringComparison.Ordinal);
        Assert.Empty(outcome.Variants);
        Assert.False(Directory.Exists(_dir.Combine("session", "derived")));
    }

    [Theory]
    [InlineData("not a jpeg at all, just text")]
    [InlineData("")]
    public async Task File_that_is_not_a_jpeg_is_a_per_file_error(string content)
    {
        var outcome = await DeriveBytes("DCIM/100TEST/FAKE.JPG", System.Text.Encoding.ASCII.GetBytes(content));
        Assert.NotNull(outcome.Error);
        Assert.Contains("FAKE.JPG", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Declared_size_above_the_pixel_limit_is_refused_before_decoding()
    {
        // A real JPEG whose frame header claims 60000x60000 (3.6 GP): refused from the header alone.
        var jpeg = JpegEncoder.Encode(new byte[64 * 64 * 3], 64, 64, JpegPixelFormat.Rgb, 90, progressive: false);
        var sof = jpeg.AsSpan().IndexOf([(byte)0xFF, (byte)0xC0]);
        jpeg[sof + 5] = 0xEA; jpeg[sof + 6] = 0x60; // height 60000
        jpeg[sof + 7] = 0xEA; jpeg[sof + 8] = 0x60; // width 60000
        var before = NativeResources.Created;
        var outcome = await DeriveBytes("DCIM/100TEST/HUGE.JPG", jpeg);
        Assert.NotNull(outcome.Error);
        Assert.Contains("MAX_IMAGE_MEGAPIXELS", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("60000x60000", outcome.Error, StringComparison.Ordinal);
        Assert.True(NativeResources.Created - before <= 1, "only the file mapping may have been created"); // no pixel buffer
    }

    [Fact]
    public async Task Corrupt_heif_is_a_per_file_error()
    {
        var heic = await File.ReadAllBytesAsync(Fixtures.File("odd", "DCIM/100APPLE/IMG_3589.HEIC"), TestContext.Current.CancellationToken);
        for (var i = 2000; i < heic.Length; i += 7)
        {
            heic[i] ^= 0x5A;
        }

        var outcome = await DeriveBytes("DCIM/100APPLE/BAD_0001.HEIC", heic);
        Assert.NotNull(outcome.Error);
        Assert.Contains("BAD_0001.HEIC", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Corrupt_camera_jpeg_falls_back_to_the_raw_preview_of_the_pair()
    {
        Directory.CreateDirectory(_dir.Combine("DCIM", "100RAW"));
        var raw = _dir.Combine("DCIM", "100RAW", "CRW_1446.CRW");
        File.Copy(Fixtures.File("raw", "DCIM/100RAW/CRW_1446.CRW"), raw);
        var jpg = _dir.Combine("DCIM", "100RAW", "CRW_1446.JPG");
        await File.WriteAllBytesAsync(jpg, [0xFF, 0xD8, 0xFF, 0xE0, 0, 2, 0xFF, 0xD9], TestContext.Current.CancellationToken);
        var group = new MediaGroup("100RAW/CRW_1446", [FixtureGroups.MemberAt("DCIM/100RAW/CRW_1446.CRW", raw), FixtureGroups.MemberAt("DCIM/100RAW/CRW_1446.JPG", jpg)]);
        var outcome = await _deriver.DeriveAsync(new DeriveRequest(group, _dir.Combine("session"), FixtureGroups.DefaultOptions()), TestContext.Current.CancellationToken);
        Assert.Null(outcome.Error);
        Assert.Equal("DCIM/100RAW/CRW_1446.CRW", outcome.SourceCardPath);
    }

    [Fact]
    public async Task Deriving_leaks_no_native_handle_or_buffer()
    {
        var options = FixtureGroups.DefaultOptions();
        var groups = new[]
        {
            FixtureGroups.Single("basic", "DCIM/100CANON/_K6A7943.JPG"),
            FixtureGroups.Single("odd", "DCIM/100EOSR5/Canon.HIF"),
            FixtureGroups.Single("raw", "DCIM/100RAW/Canon-R6-pruned.CR3"),
            FixtureGroups.Group("raw", "DCIM/100RAW/CRW_0101.CRW", "DCIM/100RAW/CRW_0101.THM"),
        };

        // Warm the handle pools first; afterwards every photo must give back all it took.
        foreach (var g in groups)
        {
            await _deriver.DeriveAsync(new DeriveRequest(g, _dir.Path, options), TestContext.Current.CancellationToken);
        }

        var live = NativeResources.Live;
        var created = NativeResources.Created;
        foreach (var g in groups)
        {
            await _deriver.DeriveAsync(new DeriveRequest(g, _dir.Path, options), TestContext.Current.CancellationToken);
        }

        await DeriveBytes("DCIM/X/BROKEN.JPG", [0xFF, 0xD8, 0xFF, 0xDB, 0x00, 0x43, 1, 2, 3]);
        Assert.True(NativeResources.Created - created > 20, "the photos above must have created native resources");
        Assert.Equal(live, NativeResources.Live);
        Assert.Equal(0, _deriver.Budget.InUse);
    }

    private async Task<DeriveOutcome> DeriveBytes(string cardPath, byte[] content)
    {
        var local = _dir.Combine("copies", Path.GetFileName(cardPath));
        Directory.CreateDirectory(Path.GetDirectoryName(local)!);
        await File.WriteAllBytesAsync(local, content, TestContext.Current.CancellationToken);
        var group = new MediaGroup(Sessions.SessionLayout.GroupKeyOf(cardPath), [FixtureGroups.MemberAt(cardPath, local)]);
        return await _deriver.DeriveAsync(new DeriveRequest(group, _dir.Combine("session"), FixtureGroups.DefaultOptions()), TestContext.Current.CancellationToken);
    }

    public void Dispose() => _dir.Dispose();
}

/// <summary>Tests that count process-wide native resources must not overlap with other derive tests.</summary>
[CollectionDefinition(nameof(NativeResourceCollection), DisableParallelization = true)]
public sealed class NativeResourceCollection;
