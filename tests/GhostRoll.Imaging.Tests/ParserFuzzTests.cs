using GhostRoll.Imaging.Codecs;
using GhostRoll.Imaging.Deriving;
using GhostRoll.Imaging.Metadata;
using GhostRoll.Imaging.Raw;
using GhostRoll.Imaging.Tests.Support;
using GhostRoll.Pipeline;
using GhostRoll.TestSupport;

namespace GhostRoll.Imaging.Tests;

/// <summary>
/// Bounded, deterministic mutation fuzzing of the EXIF/TIFF, CIFF, ISO-BMFF and JPEG-marker parsers, seeded from
/// the fixtures' real headers. The quick run (a few thousand mutations) is always on; GRTEST_TORTURE=1 runs
/// 100x more. A parser must never throw, hang or read outside its input on any of them. The arm64 pass runs a tenth
/// of the quick run: the parsers are managed code with no architecture-specific path, and every mutation there is an
/// emulated parse.
/// </summary>
public sealed class ParserFuzzTests
{
    private static readonly int Iterations =
        Environment.GetEnvironmentVariable("GRTEST_TORTURE") == "1" ? 300_000 : TestHost.UnderQemuUser ? 300 : 3_000;

    public static TheoryData<string, string, int> Seeds() => new()
    {
        { "basic", "DCIM/100_PANA/Panasonic_DMC-LX3.jpg", 64 * 1024 },  // EXIF with GPS + maker notes
        { "basic", "DCIM/100CANON/_K6A7943.JPG", 64 * 1024 },         // EXIF with interop IFD
        { "raw", "DCIM/100RAW/CRW_1446.CRW", 0 },                     // CIFF (whole file: the heap table is at the end)
        { "raw", "DCIM/100RAW/Canon-R6-pruned.CR3", 0 },              // ISO-BMFF + CMT TIFF blobs
        { "raw", "DCIM/100RAW/GOPR8508.GPR", 256 * 1024 },            // TIFF/DNG IFDs and SubIFDs
        { "odd", "DCIM/100APPLE/IMG_3589.HEIC", 64 * 1024 },          // ISO-BMFF (meta, iloc, ipco)
    };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Parsers_survive_mutations_of_real_headers(string card, string cardPath, int prefix)
    {
        var original = File.ReadAllBytes(Fixtures.File(card, cardPath));
        if (prefix > 0 && original.Length > prefix)
        {
            original = original[..prefix];
        }

        var random = new Random(cardPath.Length * 7919); // deterministic per seed file
        var buffer = new byte[original.Length];
        var exifSeen = 0;
        for (var i = 0; i < Iterations; i++)
        {
            original.CopyTo(buffer, 0);
            var length = Mutate(buffer, random);
            var data = buffer.AsSpan(0, length);

            var segments = JpegSegments.Read(data);
            if (segments.Exif is { } e && e.Offset + e.Length <= length)
            {
                exifSeen++;
                _ = ExifReader.Read(data.Slice(e.Offset, e.Length));
            }

            _ = ExifReader.Read(data);
            var inspection = RawPreviewFinder.Inspect(data);
            foreach (var p in inspection?.Previews ?? [])
            {
                Assert.InRange(p.Offset + p.Length, 1, length);
            }

            _ = IsoBmff.Children(data, 0, length);
        }

        Assert.True(exifSeen > 0 || !cardPath.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) && !cardPath.EndsWith(".JPG", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Deriver_survives_mutated_camera_files()
    {
        using var dir = new TempDirectory("imaging-fuzz");
        var deriver = new ImageDeriver();
        var random = new Random(20261121);
        var seeds = new[]
        {
            ("DCIM/100CANON/IMG_0102.JPG", File.ReadAllBytes(Fixtures.File("basic", "DCIM/100CANON/IMG_0102.JPG"))),
            ("DCIM/100RAW/CRW_1446.CRW", File.ReadAllBytes(Fixtures.File("raw", "DCIM/100RAW/CRW_1446.CRW"))),
            ("DCIM/100RAW/Canon-R6-pruned.CR3", File.ReadAllBytes(Fixtures.File("raw", "DCIM/100RAW/Canon-R6-pruned.CR3"))),
        };
        var rounds = Environment.GetEnvironmentVariable("GRTEST_TORTURE") == "1" ? 600 : 30;
        var failures = 0;
        for (var i = 0; i < rounds; i++)
        {
            var (cardPath, bytes) = seeds[i % seeds.Length];
            var copy = (byte[])bytes.Clone();

            // Mutate only the first 32 kB (headers, tables): mutations deep in entropy-coded data test libjpeg, not us.
            var head = copy.AsSpan(0, Math.Min(copy.Length, 32 * 1024)).ToArray();
            var length = Mutate(head, random);
            Array.Copy(head, copy, length);
            var local = dir.Combine($"f{i}{Path.GetExtension(cardPath)}");
            await File.WriteAllBytesAsync(local, copy, TestContext.Current.CancellationToken);
            var group = new MediaGroup($"FUZZ/f{i}", [FixtureGroups.MemberAt($"DCIM/FUZZ/f{i}{Path.GetExtension(cardPath)}", local)]);
            var outcome = await deriver.DeriveAsync(new DeriveRequest(group, dir.Combine("session"), FixtureGroups.DefaultOptions(webp: false)), TestContext.Current.CancellationToken);
            failures += outcome.Error is null ? 0 : 1;
        }

        Assert.Equal(0, deriver.Budget.InUse);
        TestContext.Current.TestOutputHelper?.WriteLine($"{failures} of {rounds} mutated files became per-file errors");
    }

    /// <summary>Byte flips, 16/32-bit boundary values at random offsets, truncation: the usual header killers.</summary>
    private static int Mutate(byte[] buffer, Random random)
    {
        var length = buffer.Length;
        var count = random.Next(1, 8);
        for (var m = 0; m < count; m++)
        {
            var at = random.Next(length);
            switch (random.Next(5))
            {
                case 0:
                    buffer[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    buffer[at] = (byte)random.Next(256);
                    break;
                case 2:
                    foreach (var i in Enumerable.Range(at, Math.Min(4, length - at)))
                    {
                        buffer[i] = 0xFF;
                    }

                    break;
                case 3:
                    foreach (var i in Enumerable.Range(at, Math.Min(4, length - at)))
                    {
                        buffer[i] = 0;
                    }

                    break;
                default:
                    length = Math.Max(1, Math.Min(length, random.Next(length)));
                    break;
            }
        }

        return length;
    }
}
