using GhostRoll.Configuration;

namespace GhostRoll.Appliance.Setup;

/// <summary>What the settings file holds, as <c>setup</c>, first boot and doctor see it.</summary>
public static class SettingsFileText
{
    /// <summary>AWS credential variables the settings file may carry for the standard AWS chain.</summary>
    public static IReadOnlyList<string> CredentialKeys { get; } = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"];

    /// <summary>Entries whose value must never be echoed (credentials, secret settings).</summary>
    public static bool IsSecret(string key) =>
        key is "AWS_SECRET_ACCESS_KEY" or "AWS_SESSION_TOKEN" || SystemSettings.IsSecret(key) || SettingCatalog.Find(key) is { Secret: true };

    /// <summary>The file a verb reads and <c>setup</c> writes: <c>--config</c>, else <c>$GHOSTROLL_CONFIG</c>, else /etc/ghostroll/ghostroll.env.</summary>
    public static string Location(string? explicitPath) =>
        !string.IsNullOrWhiteSpace(explicitPath) ? SettingPaths.Expand(explicitPath)
        : Environment.GetEnvironmentVariable(SettingsLoader.SettingsFileVariable) is { Length: > 0 } fromEnvironment ? SettingPaths.Expand(fromEnvironment)
        : SettingsLoader.DefaultSettingsFile;

    public static bool HoldsSecrets(string path)
    {
        var errors = new List<string>();
        return SettingsFile.Read(path, errors).Any(e => IsSecret(e.Key) && e.Value.Length > 0);
    }

    /// <summary>
    /// Checks one entry the way the loader will: a known setting with a valid value, or an AWS credential variable.
    /// Returns null when fine, else the reason in the loader's words.
    /// </summary>
    public static string? Validate(string key, string value)
    {
        if (CredentialKeys.Contains(key))
        {
            return null;
        }

        if (SettingCatalog.Find(key) is not { } definition)
        {
            var hint = SettingCatalog.Suggest(key) is { } s ? $" (did you mean {s}?)" : "";
            return $"{key}: unknown setting{hint}; 'ghostroll config' lists them all";
        }

        try
        {
            definition.Apply(new GhostRollSettings(), value);
            return null;
        }
        catch (FormatException e)
        {
            return $"{key}: {e.Message}";
        }
    }

    /// <summary>
    /// The form a key is written in: <c>GHOSTROLL_SD_LABEL</c> for settings (so the file also works as a systemd
    /// <c>EnvironmentFile=</c>), AWS variables as they are.
    /// </summary>
    public static string CanonicalKey(string key) =>
        SettingCatalog.Find(key)?.EnvironmentVariable ?? key.Trim().ToUpperInvariant();
}
