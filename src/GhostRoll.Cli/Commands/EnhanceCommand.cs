using System.CommandLine;
using GhostRoll.Cli.Hosting;
using GhostRoll.Imaging;
using GhostRoll.Imaging.Enhancing;
using GhostRoll.Storage;

namespace GhostRoll.Cli.Commands;

/// <summary>
/// <c>ghostroll enhance IN.jpg OUT.jpg [--recipe FILE]</c>: the appliance's automatic enhancement on one picture.
/// Writes the chosen recipe beside the output (OUT.recipe.json) so a result can be replayed or tuned and fed back
/// with <c>--recipe</c>.
/// </summary>
internal static class EnhanceCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("IN") { Description = "The JPEG to enhance (a share image: 8-bit sRGB)." };
        var output = new Argument<string>("OUT") { Description = "Where to write the enhanced JPEG (quality 92, no metadata)." };
        var recipe = new Option<string?>("--recipe") { Description = "Apply this recipe (JSON, e.g. a .recipe.json written earlier, edited) instead of analysing the picture." };
        var command = new Command("enhance", "Enhance one JPEG automatically (exposure, black/white points, highlights, shadows, vibrance); writes OUT and OUT's .recipe.json.")
        {
            input, output, recipe,
        };
        command.SetAction(parse =>
        {
            var inPath = Path.GetFullPath(parse.GetValue(input)!);
            var outPath = Path.GetFullPath(parse.GetValue(output)!);
            if (string.Equals(inPath, outPath, StringComparison.Ordinal))
            {
                return CliHost.Fail(ExitCodes.Usage, "OUT must be a different file from IN (the original is never overwritten)");
            }

            EnhanceRecipe? given = null;
            if (parse.GetValue(recipe) is { } recipePath)
            {
                try
                {
                    given = EnhanceRecipe.FromJson(File.ReadAllBytes(recipePath));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    return CliHost.Fail(ExitCodes.Usage, $"cannot read the recipe {recipePath}: {e.Message}");
                }
                catch (FormatException e)
                {
                    return CliHost.Fail(ExitCodes.Usage, $"{recipePath}: {e.Message}");
                }
            }

            byte[] source;
            try
            {
                source = File.ReadAllBytes(inPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return CliHost.Fail(ExitCodes.Failure, $"cannot read {inPath}: {e.Message}");
            }

            EnhanceResult result;
            try
            {
                result = PhotoEnhancer.Enhance(source, given);
            }
            catch (ImagingException e)
            {
                return CliHost.Fail(ExitCodes.Failure, $"{inPath}: {e.Message}");
            }

            var recipeOut = PhotoEnhancer.RecipePathFor(outPath);
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(outPath)!);
                AtomicFile.WriteAllBytes(outPath, result.Jpeg);
                AtomicFile.WriteAllText(recipeOut, result.Recipe.ToJson());
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return CliHost.Fail(ExitCodes.Failure, $"cannot write {outPath}: {e.Message}");
            }

            Console.WriteLine(result.Changed ? $"enhanced {inPath} -> {outPath}" : $"{inPath} needs no enhancement; copied its picture without metadata to {outPath}");
            Console.WriteLine($"recipe: {recipeOut}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
