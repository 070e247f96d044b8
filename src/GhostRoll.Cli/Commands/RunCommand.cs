using System.CommandLine;
using GhostRoll.Cli.Hosting;

namespace GhostRoll.Cli.Commands;

/// <summary><c>ghostroll run VOLUME</c>: import one mounted card.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var volumeArgument = new Argument<string?>("VOLUME") { Description = "Root of a mounted card (the folder that contains DCIM/).", Arity = ArgumentArity.ZeroOrOne };
        var volumeOption = new Option<string?>("--volume") { Description = "Same as VOLUME." };
        var command = new Command("run", "Import a mounted card: copy new files (verified), make share images, build the gallery, publish.")
        {
            volumeArgument, volumeOption,
        };
        command.SetAction((parse, cancel) => CliHost.RunAsync(parse, host =>
        {
            var volume = parse.GetValue(volumeOption) ?? parse.GetValue(volumeArgument);
            if (string.IsNullOrWhiteSpace(volume))
            {
                return Task.FromResult(CliHost.Fail(ExitCodes.Usage, "run needs the card's folder: ghostroll run /media/auto-import"));
            }

            return Task.FromResult(CliHost.Fail(ExitCodes.Failure, "not implemented yet"));
        }));
        return command;
    }
}
