using System.Diagnostics;
using GhostRoll.Imaging.Codecs;
using GhostRoll.Imaging.Enhancing;
using GhostRoll.Imaging.Pixels;
using GhostRoll.Media;
using GhostRoll.Pipeline;
using GhostRoll.Sessions;
using GhostRoll.Storage;

namespace GhostRoll.Imaging.Deriving;

/// <summary>
/// Local enhancement (ENHANCE=local): the enhanced version of a photo's share image, made from the share pixels the
/// derive worker still holds right after writing the share image and thumbnail (the copy stage never waits for it).
/// Not from the share JPEG, as the Lambda function and <c>ghostroll enhance</c> do: decoding it again was three
/// quarters of the enhancer's CPU time, and the pixels before compression are one JPEG generation closer to the
/// photo. The same analysis and recipe, so the recipe beside it replays on the share image to the same picture
/// (docs/enhancement.md "Replaying a recipe").
/// </summary>
public sealed partial class ImageDeriver
{
    internal const string EnhancedFolder = "enhanced";

    /// <summary>
    /// Writes <c>derived/enhanced/KEY.jpg</c> and its recipe (<c>KEY.recipe.json</c>, beside it, not a variant: it
    /// is never published or zipped) and returns the variant, or null when it could not be made: a photo without
    /// an enhanced version still has its share image, and the gallery falls back to it.
    /// </summary>
    private ImageVariant? WriteEnhanced(DeriveRequest request, ImageVariant share, RgbxImage sharePixels)
    {
        var relative = SessionLayout.DerivativeRelativePath(EnhancedFolder, request.Group.Key, ".jpg");
        var path = FullPath(request.SessionRoot, relative);
        try
        {
            var started = Stopwatch.GetTimestamp();
            var result = PhotoEnhancer.Enhance(sharePixels, () => JpegMetadata.Strip(File.ReadAllBytes(FullPath(request.SessionRoot, share.Path))));
            AtomicFile.WriteAllBytes(path, result.Jpeg);
            AtomicFile.WriteAllText(PhotoEnhancer.RecipePathFor(path), result.Recipe.ToJson());
            Log.Enhanced(_logger, request.Group.Key, result.Changed, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return new ImageVariant(VariantNames.Enhanced, relative, share.Width, share.Height, result.Jpeg.Length, "image/jpeg");
        }
        catch (Exception e) when (e is ImagingException or IOException or UnauthorizedAccessException)
        {
            Log.EnhanceFailed(_logger, request.Group.Key, Describe(e));
            DeleteEnhanced(path);
            return null;
        }
    }

    /// <summary>Re-deriving with ENHANCE off must not leave an older enhanced image that the gallery would still find.</summary>
    private static void RemoveEnhanced(DeriveRequest request) =>
        DeleteEnhanced(FullPath(request.SessionRoot, SessionLayout.DerivativeRelativePath(EnhancedFolder, request.Group.Key, ".jpg")));

    private static void DeleteEnhanced(string path)
    {
        if (!Directory.Exists(Path.GetDirectoryName(path)))
        {
            return; // File.Delete throws when the folder is missing
        }

        File.Delete(path);
        File.Delete(PhotoEnhancer.RecipePathFor(path));
    }
}
