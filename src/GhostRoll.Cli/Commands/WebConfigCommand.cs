using System.CommandLine;
using GhostRoll.Appliance.Web;
using GhostRoll.Cli.Hosting;

namespace GhostRoll.Cli.Commands;

/// <summary>
/// <c>ghostroll web-config RUNDIR [--listen ADDRESS]</c>: writes the nginx configuration and dashboard page for
/// ghostroll-web.service (its ExecStartPre) from the settings. It reads nothing but the settings (the unit's sandbox lets it write only its run folder);
/// the importer keeps the dashboard's sessions.json current.
/// </summary>
internal static class WebConfigCommand
{
    public static Command Create()
    {
        var runDir = new Argument<string>("RUNDIR") { Description = "Folder for nginx.conf, the dashboard page and nginx's own temporary files (the unit uses /run/ghostroll-web)." };
        var listen = new Option<string?>("--listen") { Description = "Listen on this address only (default: every address)." };
        var command = new Command("web-config", "Write the nginx configuration of the LAN galleries and the dashboard (ghostroll-web.service runs it before nginx).")
        {
            runDir, listen,
        };
        command.SetAction(parse => CliHost.RunAsync(parse, host =>
        {
            var folder = parse.GetValue(runDir)!;
            try
            {
                var config = NginxConfig.Write(host.Settings, folder, parse.GetValue(listen));
                Console.Error.WriteLine(config.PasswordFilePath is null
                    ? "ghostroll: web configuration written; the dashboard is locked until a password is set ('sudo ghostroll setup')"
                    : $"ghostroll: web configuration written to {Path.Combine(folder, "nginx.conf")}");
                return Task.FromResult(ExitCodes.Ok);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Task.FromResult(CliHost.Fail(ExitCodes.Failure, $"cannot write the web configuration into {folder}: {e.Message}; check that the folder is writable"));
            }
        }));
        return command;
    }
}
