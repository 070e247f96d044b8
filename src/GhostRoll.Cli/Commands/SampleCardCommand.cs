using System.CommandLine;
using GhostRoll.Cli.Demo;
using GhostRoll.Cli.Hosting;

namespace GhostRoll.Cli.Commands;

/// <summary><c>ghostroll sample-card DIR</c>: writes a generated camera card to try GhostRoll without a camera.</summary>
internal static class SampleCardCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("DIR") { Description = "Folder to create the card in (it becomes the card's root)." };
        var photos = new Option<int>("--photos") { Description = "How many photos (1-999).", DefaultValueFactory = _ => 12 };
        var command = new Command("sample-card", "Write a generated sample camera card (DCIM/ with EXIF-tagged JPEGs, a duplicate, a sidecar and typical clutter).")
        {
            folder, photos,
        };
        command.SetAction(parse =>
        {
            var count = parse.GetValue(photos);
            if (count is < 1 or > 999)
            {
                return CliHost.Fail(ExitCodes.Usage, "--photos must be from 1 to 999");
            }

            var root = Path.GetFullPath(parse.GetValue(folder)!);
            try
            {
                var written = SampleCard.Write(root, count);
                Console.WriteLine($"sample card with {written.Count} photos in {root}");
                Console.WriteLine($"import it: ghostroll run {root}");
                return ExitCodes.Ok;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return CliHost.Fail(ExitCodes.Failure, $"cannot write the sample card in {root}: {e.Message}");
            }
        });
        return command;
    }
}
