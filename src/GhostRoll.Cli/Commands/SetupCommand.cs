using System.CommandLine;
using System.Text;
using GhostRoll.Appliance.Setup;
using GhostRoll.Cli.Hosting;
using GhostRoll.Configuration;

namespace GhostRoll.Cli.Commands;

/// <summary>
/// <c>ghostroll setup</c>: interactive questions that write the settings file (mode 0600). <c>--from FILE</c> applies a
/// prepared file instead (first boot: <c>ghostroll-firstboot.service</c> applies the boot partition's ghostroll.env,
/// including the system keys of <see cref="SystemSettings"/>: host name, Wi-Fi, SSH key).
/// </summary>
internal static class SetupCommand
{
    public static Command Create()
    {
        var from = new Option<string?>("--from") { Description = "Apply the settings in this KEY=VALUE file instead of asking (first boot); it may also set HOSTNAME, WIFI_SSID, WIFI_PASSPHRASE and SSH_AUTHORIZED_KEY (root)." };
        var removeSource = new Option<bool>("--remove-source") { Description = "With --from: delete the file once applied (it may hold credentials), leaving FILE.applied with secrets masked." };
        var command = new Command("setup", "Ask for the main settings and write the settings file (mode 0600); --from FILE applies a prepared file.")
        {
            from, removeSource,
        };
        command.SetAction(parse =>
        {
            var target = SettingsFileText.Location(parse.GetValue(GlobalOptions.Config));
            // The services run as 'ghostroll' and read the file themselves: give it to them when setting up the appliance.
            var owner = SystemUser.IsRoot && target == SettingsLoader.DefaultSettingsFile ? SystemUser.Find(SystemUser.ServiceAccount) : null;
            try
            {
                return parse.GetValue(from) is { } source
                    ? Apply(source, target, owner, parse.GetValue(removeSource))
                    : Interactive(target, owner);
            }
            catch (SettingsException e)
            {
                return CliHost.Fail(ExitCodes.Usage, string.Join("; ", e.Problems));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return CliHost.Fail(ExitCodes.Failure, $"cannot write {target}: {e.Message}. Run with sudo for {SettingsLoader.DefaultSettingsFile}, or pass --config FILE (and set GHOSTROLL_CONFIG=FILE).");
            }
        });
        return command;
    }

    private static int Interactive(string target, SystemUser? owner)
    {
        var wizard = new SetupWizard(Console.In, Console.Out, Console.IsInputRedirected ? null : ReadHidden);
        wizard.Run(target, owner);
        return ExitCodes.Ok;
    }

    private static int Apply(string source, string target, SystemUser? owner, bool removeSource)
    {
        var errors = new List<string>();
        var entries = SettingsFile.Read(source, errors);
        if (errors.Count > 0)
        {
            return CliHost.Fail(ExitCodes.Usage, $"{source} was not applied:\n  " + string.Join("\n  ", errors));
        }

        // HOSTNAME, WIFI_*, SSH_AUTHORIZED_KEY set up the Pi itself (SystemSettings); everything else is GhostRoll's.
        var system = entries.Where(e => SystemSettings.IsSystemKey(e.Key))
            .ToDictionary(e => e.Key.Trim().ToUpperInvariant(), e => e.Value, StringComparer.Ordinal);
        var settings = entries.Where(e => !SystemSettings.IsSystemKey(e.Key)).ToList();
        var problems = SystemSettings.Validate(system);
        if (problems.Count == 0)
        {
            // Merge checks its own entries and writes nothing when one is wrong, so a bad line changes nothing anywhere.
            problems = SetupWizard.Merge(target, settings.Select(e => new KeyValuePair<string, string>(e.Key, e.Value)), owner, Console.Out);
        }

        if (problems.Count > 0)
        {
            return CliHost.Fail(ExitCodes.Usage, $"{source} was not applied (nothing changed); fix these lines and try again:\n  " + string.Join("\n  ", problems));
        }

        Console.Error.WriteLine($"ghostroll: applied {settings.Count} setting(s) from {source} to {target}");
        if (system.Count > 0)
        {
            try
            {
                foreach (var change in SystemSettings.Apply(system, "/"))
                {
                    Console.Error.WriteLine("ghostroll: " + change);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return CliHost.Fail(ExitCodes.Failure, $"{source}: GhostRoll's settings were applied, but not the system ones ({string.Join(", ", system.Keys)}): {e.Message}. " +
                    "These need root and write access to /etc and /root/.ssh (the image's first-boot unit has it); the file was kept, run 'sudo ghostroll setup --from FILE' again.");
            }
        }
        if (removeSource)
        {
            var applied = new StringBuilder("# Applied by ghostroll setup to " + target + "; secrets masked. This file is for reference only.\n");
            foreach (var e in entries)
            {
                applied.Append(e.Key).Append('=').AppendLine(SettingsFileText.IsSecret(e.Key) ? "(hidden)" : e.Value);
            }

            File.WriteAllText(source + ".applied", applied.ToString());
            File.Delete(source);
        }

        return ExitCodes.Ok;
    }

    /// <summary>Reads a line from the terminal without echoing it (for the secret access key).</summary>
    private static string ReadHidden()
    {
        var text = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.WriteLine();
                return text.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (text.Length > 0)
                {
                    text.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                text.Append(key.KeyChar);
            }
        }
    }
}
