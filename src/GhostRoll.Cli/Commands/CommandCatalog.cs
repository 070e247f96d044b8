using System.CommandLine;

namespace GhostRoll.Cli.Commands;

/// <summary>Every verb of <c>ghostroll</c>, in the order <c>--help</c> lists them.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> Create() =>
    [
        RunCommand.Create(),
        PublishCommand.Create(),
        ConfigCommand.Create(),
        SampleCardCommand.Create(),
        ImportCommand.Create(),
        WatchCommand.Create(),
        StatusCommand.Create(),
        SessionsCommand.Create(),
        SetupCommand.Create(),
        DoctorCommand.Create(),
        HardwareCommand.Create(),
        DisplayCommand.Create(),
    ];
}
