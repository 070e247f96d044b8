using System.CommandLine;

namespace GhostRoll.Cli.Commands;

/// <summary>Every verb of <c>ghostroll</c>, in the order <c>--help</c> lists them.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> Create() =>
    [
        // Getting going and everyday use first, then the appliance's own verbs, then diagnostics.
        RunCommand.Create(),
        StatusCommand.Create(),
        SessionsCommand.Create(),
        PublishCommand.Create(),
        ShareCommand.Create(),
        SetupCommand.Create(),
        DoctorCommand.Create(),
        ConfigCommand.Create(),
        ImportCommand.Create(),
        WatchCommand.Create(),
        DisplayCommand.Create(),
        HotspotCommand.Create(),
        WebConfigCommand.Create(),
        HardwareCommand.Create(),
        SampleCardCommand.Create(),
        EnhanceCommand.Create(),
    ];
}
