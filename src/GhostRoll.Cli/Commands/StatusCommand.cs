using System.CommandLine;
using System.Text.Json;
using GhostRoll.Appliance.Reports;
using GhostRoll.Cli.Hosting;
using GhostRoll.Status;

namespace GhostRoll.Cli.Commands;

/// <summary><c>ghostroll status [--json]</c>: what the appliance is doing now (status.json), for people on SSH and scripts.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print status.json as it is (a default idle document when there is none yet)." };
        var command = new Command("status", "Show what GhostRoll is doing: state, step, card, share link, progress, battery.") { json };
        command.SetAction(parse => CliHost.RunAsync(parse, host =>
        {
            var path = host.Settings.StatusPath;
            var status = StatusFile.TryRead(path);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(status ?? new StatusDocument(), StatusJsonContext.Default.StatusDocument));
            }
            else
            {
                Console.Write(StatusText.Render(status, path, DateTimeOffset.UtcNow));
            }

            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}
