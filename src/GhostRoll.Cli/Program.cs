using System.CommandLine;
using GhostRoll.Cli.Commands;
using GhostRoll.Cli.Hosting;

namespace GhostRoll.Cli;

/// <summary>
/// <c>ghostroll</c>: the one binary of the appliance. Each verb lives in <c>Commands/</c>; the wiring of real
/// components (imaging, publishers, display, battery) is in <c>Hosting/Composition.cs</c>.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var root = new RootCommand(
            "GhostRoll: insert a camera card, get a private share link. Copies every new photo and clip exactly once " +
            "(verified, crash-safe), makes share images and thumbnails, builds a gallery, and publishes it to a private " +
            "S3 bucket when one is configured (local-only otherwise).");
        foreach (var option in GlobalOptions.All)
        {
            root.Options.Add(option);
        }

        foreach (var command in CommandCatalog.Create())
        {
            root.Subcommands.Add(command);
        }

        var parse = root.Parse(args);
        return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }).ConfigureAwait(false);
    }
}
