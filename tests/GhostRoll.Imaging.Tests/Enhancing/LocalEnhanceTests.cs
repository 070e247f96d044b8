using GhostRoll.Imaging.Codecs;
using GhostRoll.Imaging.Deriving;
using GhostRoll.Imaging.Enhancing;
using GhostRoll.Imaging.Tests.Support;
using GhostRoll.Media;
using GhostRoll.Pipeline;
using GhostRoll.TestSupport;

namespace GhostRoll.Imaging.Tests.Enhancing;

/// <summary>
/// Local mode (ENHANCE=local): the deriver enhances the share pixels it holds instead of decoding the share JPEG it
/// has just written. The result must be what the enhancer makes of those pixels (same analysis, same recipe, same
/// bytes when replayed on them), and replaying its recipe on the share image, as <c>ghostroll enhance --recipe</c>
/// does, must give the same picture within one JPEG generation
/// (40.7 to 44.3 dB PSNR on these photos; 38 dB is far below anything visible at share size).
/// </summary>
public sealed class LocalEnhanceTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("DCIM/100APPLE/Apple_iPhone_6.jpg")]
    [InlineData("DCIM/100NCD90/DSC_0003.JPG")]
    [InlineData("DCIM/Camera/aarhus.jpg")] // as shot it needs nothing: the enhanced file is the share image's picture
    public async Task The_enhanced_image_is_made_from_the_share_pixels_and_its_recipe_replays(string cardPath)
    {
        using var dir = new TempDirectory("local-enhance");
        var group = FixtureGroups.Single("basic", cardPath);
        var options = FixtureGroups.DefaultOptions(webp: false) with { Enhance = true };

        var outcome = await new ImageDeriver().DeriveAsync(new DeriveRequest(group, dir.Path, options), TestContext.Current.CancellationToken);

        Assert.Null(outcome.Error);
        var share = File.ReadAllBytes(Path.Combine(dir.Path, outcome.Variants.Single(v => v.Variant == VariantNames.Share).Path));
        var enhancedPath = Path.Combine(dir.Path, outcome.Variants.Single(v => v.Variant == VariantNames.Enhanced).Path);
        var enhanced = File.ReadAllBytes(enhancedPath);
        var recipe = EnhanceRecipe.FromJson(File.ReadAllBytes(PhotoEnhancer.RecipePathFor(enhancedPath)));

        // The same share pixels, rendered again: the analysis chooses the same recipe, and the recipe applied to
        // them gives the very same bytes.
        using (var source = SourceOpener.OpenJpegFile(group.Members[0], "jpeg", options.MaxImagePixels))
        using (var rendered = ImageDeriver.RenderPixels(source, options))
        {
            var replayed = PhotoEnhancer.Enhance(rendered.Share, () => JpegMetadata.Strip(share), recipe);
            Assert.Equal(enhanced, replayed.Jpeg);
            Assert.Equal(!recipe.IsNeutral, replayed.Changed);
        }

        using (var source = SourceOpener.OpenJpegFile(group.Members[0], "jpeg", options.MaxImagePixels))
        using (var rendered = ImageDeriver.RenderPixels(source, options))
        {
            Assert.Equal(recipe, PhotoEnhancer.Enhance(rendered.Share, () => []).Recipe);
        }

        // Replayed on the share JPEG (the Lambda function's and 'ghostroll enhance --recipe''s input): the same
        // picture, one JPEG generation apart. A neutral recipe gives the share image's own compressed data.
        var fromShare = PhotoEnhancer.Enhance(share, recipe);
        if (recipe.IsNeutral)
        {
            Assert.Equal(enhanced, fromShare.Jpeg);
            return;
        }

        var psnr = Picture.Decode(enhanced).Psnr(Picture.Decode(fromShare.Jpeg));
        output.WriteLine($"{cardPath}: replay on the share JPEG, PSNR {psnr:0.00} dB against the local result");
        Assert.True(psnr >= 38, $"{cardPath}: replaying the recipe on the share image gives a different picture (PSNR {psnr:0.00} dB)");
        Assert.NotEqual(Picture.Decode(share).Rgb, Picture.Decode(enhanced).Rgb);
    }
}
