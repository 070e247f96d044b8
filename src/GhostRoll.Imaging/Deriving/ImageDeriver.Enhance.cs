using System.Diagnostics;
using GhostRoll.Imaging.Enhancing;
using GhostRoll.Media;
using GhostRoll.Pipeline;
using GhostRoll.Sessions;
using GhostRoll.Storage;

namespace GhostRoll.Imaging.Deriving;

/// <summary>
/// Local enhancement (ENHANCE=local): the enhanced version of a photo's share image, made from the share JPEG as
/// written, exactly as the Lambda function and <c>ghostroll enhance</c> make it, so a recipe replays to the same
/// bytes anywhere. It runs in the derive worker right after the share image and thumbnail are on disk (the copy
/// stage never waits for it) and within the photo's memory reservation, which already covers a share-size decode
/// and encode.
/// </summary>
public sealed partial class ImageDeriver
{
    internal const string EnhancedFolder = "enhanced";

    /// <summary>
    /// Writes <c>derived/enhanced/KEY.jpg</c> and its recipe (<c>KEY.recipe.json</c>, beside it, not a variant: it
    /// is never published or zipped) and returns the variant, or null when it could not be made: a photo without
    /// an enhanced version still has its share image, and the gallery falls back to it.
    /// </summary>
    private ImageVariant? WriteEnhanced(DeriveRequest request, ImageVariant share)
    {
        var relative = SessionLayout.DerivativeRelativePath(EnhancedFolder, request.Group.Key, ".jpg");
        var path = FullPath(request.SessionRoot, relative);
        try
        {
            var started = Stopwatch.GetTimestamp();
            var result = PhotoEnhancer.Enhance(File.ReadAllBytes(FullPath(request.SessionRoot, share.Path)));
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
