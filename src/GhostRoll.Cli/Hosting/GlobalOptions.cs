using System.CommandLine;

namespace GhostRoll.Cli.Hosting;

/// <summary>Options every verb accepts.</summary>
internal static class GlobalOptions
{
    public static readonly Option<string?> Config = new("--config")
    {
        Description = "Settings file (KEY=VALUE lines). Default: $GHOSTROLL_CONFIG, else /etc/ghostroll/ghostroll.env if present.",
        Recursive = true,
    };

    public static readonly Option<string[]> Set = new("--set", "-s")
    {
        Description = "Override a setting for this run: --set SHARE_QUALITY=85 (repeatable; see 'ghostroll config').",
        Recursive = true,
        AllowMultipleArgumentsPerToken = false,
    };

    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Log debug detail (same as --set LOG_LEVEL=debug).",
        Recursive = true,
    };

    public static IEnumerable<Option> All => [Config, Set, Verbose];
}
