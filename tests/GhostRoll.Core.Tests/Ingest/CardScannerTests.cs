using System.Diagnostics;
using GhostRoll.Ingest;
using GhostRoll.Media;
using GhostRoll.TestSupport;

namespace GhostRoll.Core.Tests.Ingest;

public sealed class CardScannerTests
{
    [Fact]
    public void Every_DCIM_folder_of_the_fixture_cards_is_scanned_and_classified()
    {
        var basic = CardScanner.Scan(Fixtures.Card("basic"));
        Assert.Equal(17, basic.Files.Count);
        Assert.Contains(basic.Files, f => f.CardPath == "DCIM/Camera/aarhus.jpg");
        Assert.Contains(basic.Files, f => f.CardPath == "DCIM/100_PANA/Panasonic_DMC-LX3.jpg");
        Assert.All(basic.Files, f => Assert.Equal(MediaKind.Jpeg, f.Kind));

        var raw = CardScanner.Scan(Fixtures.Card("raw")).Files.ToDictionary(f => Path.GetFileName(f.CardPath), f => f.Kind);
        Assert.Equal(MediaKind.Raw, raw["CRW_1446.CRW"]);
        Assert.Equal(MediaKind.Raw, raw["Canon-R6-pruned.CR3"]);
        Assert.Equal(MediaKind.Raw, raw["GOPR8508.GPR"]);
        Assert.Equal(MediaKind.Sidecar, raw["CRW_0101.THM"]);

        var odd = CardScanner.Scan(Fixtures.Card("odd")).Files.ToDictionary(f => Path.GetFileName(f.CardPath), f => f.Kind);
        Assert.Equal(MediaKind.Heif, odd["IMG_3589.HEIC"]);
        Assert.Equal(MediaKind.Heif, odd["Canon.HIF"]);
        Assert.Equal(MediaKind.Video, odd["IMG_3589.mov"]);
        Assert.Equal(MediaKind.Video, odd["MVI_0121.AVI"]);
        Assert.Equal(MediaKind.Sidecar, odd["MVI_0121.THM"]);
    }

    [Fact]
    public void Hidden_files_symlinks_special_files_and_non_media_are_skipped_and_reported()
    {
        using var temp = new TempDirectory("scan");
        var dcim = Directory.CreateDirectory(temp.Combine("dcim", "100CANON")).FullName;
        File.WriteAllText(Path.Combine(dcim, "IMG_0001.JPG"), "jpeg");
        File.WriteAllText(Path.Combine(dcim, "IMG_0001.CR2"), "raw");
        File.WriteAllText(Path.Combine(dcim, "._IMG_0001.JPG"), "AppleDouble");
        File.WriteAllText(Path.Combine(dcim, "IMG_0002.XMP"), "xmp");
        File.WriteAllText(Path.Combine(dcim, "CANONMSC.CTG"), "catalog");
        File.CreateSymbolicLink(Path.Combine(dcim, "LINK.JPG"), Path.Combine(dcim, "IMG_0001.JPG"));
        Directory.CreateDirectory(temp.Combine("dcim", ".Trashes"));
        Directory.CreateDirectory(temp.Combine("System Volume Information"));
        Process.Start("mkfifo", Path.Combine(dcim, "PIPE.JPG"))!.WaitForExit();
        var clip = Directory.CreateDirectory(temp.Combine("PRIVATE", "M4ROOT", "CLIP")).FullName;
        File.WriteAllText(Path.Combine(clip, "C0001.MP4"), "video");
        File.WriteAllText(Path.Combine(clip, "C0001M01.XML"), "metadata");
        File.WriteAllText(Path.Combine(clip, "C0001.THM"), "not a DCIM sidecar");
        File.WriteAllText(temp.Combine("MISC.JPG"), "outside every media folder");

        var scan = CardScanner.Scan(temp.Path);

        Assert.Equal(
            ["PRIVATE/M4ROOT/CLIP/C0001.MP4", "dcim/100CANON/IMG_0001.CR2", "dcim/100CANON/IMG_0001.JPG", "dcim/100CANON/IMG_0002.XMP"],
            scan.Files.Select(f => f.CardPath));
        var reasons = scan.Ignored.ToDictionary(i => i.CardPath, i => i.Reason);
        Assert.Equal(CardScanner.ReasonHidden, reasons["dcim/100CANON/._IMG_0001.JPG"]);
        Assert.Equal(CardScanner.ReasonHidden, reasons["dcim/.Trashes"]);
        Assert.Equal(CardScanner.ReasonSymlink, reasons["dcim/100CANON/LINK.JPG"]);
        Assert.Equal(CardScanner.ReasonSpecial, reasons["dcim/100CANON/PIPE.JPG"]);
        Assert.Equal(CardScanner.ReasonNotMedia, reasons["dcim/100CANON/CANONMSC.CTG"]);
        Assert.Equal(CardScanner.ReasonNotMedia, reasons["PRIVATE/M4ROOT/CLIP/C0001M01.XML"]);
        Assert.Equal(CardScanner.ReasonNotMedia, reasons["PRIVATE/M4ROOT/CLIP/C0001.THM"]);
        Assert.Contains("1 symlinks", scan.IgnoredSummary(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_without_media_folders_is_refused()
    {
        using var temp = new TempDirectory("scan");
        File.WriteAllText(temp.Combine("notes.txt"), "x");
        Assert.Throws<DirectoryNotFoundException>(() => CardScanner.Scan(temp.Path));
    }

    [Theory]
    [InlineData("IMG_0001.JPG", MediaKind.Jpeg)]
    [InlineData("img_0001.jpeg", MediaKind.Jpeg)]
    [InlineData("DSC_0001.NEF", MediaKind.Raw)]
    [InlineData("_DSC0001.ARW", MediaKind.Raw)]
    [InlineData("P1000001.RW2", MediaKind.Raw)]
    [InlineData("DSCF0001.RAF", MediaKind.Raw)]
    [InlineData("IMG_0001.dng", MediaKind.Raw)]
    [InlineData("GOPR0001.GPR", MediaKind.Raw)]
    [InlineData("00000.MTS", MediaKind.Video)]
    [InlineData("C0001.MP4", MediaKind.Video)]
    [InlineData("GL010001.LRV", MediaKind.Video)]
    [InlineData("IMG_0001.HIF", MediaKind.Heif)]
    [InlineData("IMG_0001.THM", MediaKind.Sidecar)]
    [InlineData("IMG_0001.WAV", MediaKind.Sidecar)]
    [InlineData("CANONMSC.CTG", MediaKind.Unknown)]
    [InlineData("README", MediaKind.Unknown)]
    [InlineData(".JPG", MediaKind.Unknown)]
    public void Extensions_are_classified_case_insensitively(string name, MediaKind expected) =>
        Assert.Equal(expected, MediaClassifier.Classify(name));

    [Fact]
    public void Every_RAW_format_the_issue_names_is_recognised()
    {
        foreach (var ext in "CR2 CR3 CRW NEF NRW ARW SRF SR2 RAF ORF RW2 PEF DNG SRW X3F 3FR IIQ ERF MRW GPR".Split(' '))
        {
            Assert.Equal(MediaKind.Raw, MediaClassifier.Classify("X." + ext));
        }
    }
}
