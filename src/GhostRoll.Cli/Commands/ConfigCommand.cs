using System.CommandLine;
using GhostRoll.Cli.Hosting;
using GhostRoll.Configuration;

namespace GhostRoll.Cli.Commands;

/// <summary><c>ghostroll config</c>: every setting with its effective value, or the reference table for docs.</summary>
internal static class ConfigCommand
{
    public static Command Create()
    {
        var markdown = new Option<bool>("--markdown") { Description = "Print the configuration reference as a Markdown table (used for README)." };
        var command = new Command("config", "Show every setting with its effective value (defaults < settings file < environment < --set).") { markdown };
        command.SetAction(parse => CliHost.RunAsync(parse, host =>
        {
            if (parse.GetValue(markdown))
            {
                Console.Write(SettingsReference.Markdown());
                return Task.FromResult(ExitCodes.Ok);
            }

            foreach (var group in SettingCatalog.All.GroupBy(d => d.Group))
            {
                Console.WriteLine($"# {group.Key}");
                foreach (var d in group)
                {
                    var value = d.Format(host.Settings);
                    var shown = d.Secret && value.Length > 0 ? "(set, hidden)" : value;
                    Console.WriteLine($"{d.EnvironmentVariable}={shown}");
                }

                Console.WriteLine();
            }

            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}
