namespace GhostRoll.Configuration;

/// <summary>
/// One setting: its name (<c>KEY</c>, read as <c>GHOSTROLL_KEY</c> from the environment and the settings
/// file, and as <c>--set KEY=VALUE</c> on the command line), what it does, and how it is parsed.
/// </summary>
public sealed class SettingDefinition
{
    public required string Key { get; init; }

    public required string Group { get; init; }

    public required string Description { get; init; }

    /// <summary>Values such as keys or passwords are never echoed back in full.</summary>
    public bool Secret { get; init; }

    /// <summary>The current value as it would be written in a settings file.</summary>
    public required Func<GhostRollSettings, string> Format { get; init; }

    /// <summary>Parses and validates <c>value</c> into the settings; throws <see cref="FormatException"/> with a user-facing reason.</summary>
    public required Action<GhostRollSettings, string> Apply { get; init; }

    public string EnvironmentVariable => SettingCatalog.EnvironmentPrefix + Key;

    /// <summary>The default, formatted the same way as a configured value.</summary>
    public string DefaultValue => Format(new GhostRollSettings());
}
