using System.CommandLine;
using System.Text.Json;
using GhostRoll.Appliance.Reports;
using GhostRoll.Cli.Hosting;

namespace GhostRoll.Cli.Commands;

/// <summary><c>ghostroll sessions [--json]</c>: every session, newest first, with its state (done, publish pending, failed, in progress).</summary>
internal static class SessionsCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print the list as JSON." };
        var unfinished = new Option<bool>("--unfinished") { Description = "Only sessions with work left (not done)." };
        var command = new Command("sessions", "List sessions with their state: done, publish pending, failed (files need the card), in progress.") { json, unfinished };
        command.SetAction(parse => CliHost.RunAsync(parse, host =>
        {
            if (!File.Exists(host.Settings.DbPath))
            {
                // Listing must not create a database as a side effect.
                Console.Write(parse.GetValue(json) ? "[]\n" : SessionList.Render([]));
                return Task.FromResult(ExitCodes.Ok);
            }

            var sessions = SessionList.Read(host.Database);
            if (parse.GetValue(unfinished))
            {
                sessions = [.. sessions.Where(s => s.State != "done")];
            }

            Console.Write(parse.GetValue(json)
                ? JsonSerializer.Serialize(sessions, SessionListJsonContext.Default.ListSessionSummary) + "\n"
                : SessionList.Render(sessions));
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}
