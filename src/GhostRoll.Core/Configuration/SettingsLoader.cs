using System.Collections;

namespace GhostRoll.Configuration;

/// <summary>
/// Builds <see cref="GhostRollSettings"/> from, in rising precedence: defaults, the settings file
/// (<c>/etc/ghostroll/ghostroll.env</c>, or <c>GHOSTROLL_CONFIG</c>, or <c>--config</c>), the environment,
/// then <c>--set KEY=VALUE</c> flags. Every bad value is reported at once, with where it came from.
/// </summary>
public static class SettingsLoader
{
    public const string DefaultSettingsFile = "/etc/ghostroll/ghostroll.env";

    /// <summary>Environment variable that names another settings file.</summary>
    public const string SettingsFileVariable = "GHOSTROLL_CONFIG";

    /// <summary>Variables that start with the prefix but are not settings.</summary>
    private static readonly HashSet<string> NonSettingVariables = new(StringComparer.OrdinalIgnoreCase)
    {
        SettingsFileVariable,
    };

    public static GhostRollSettings Load(
        IReadOnlyList<KeyValuePair<string, string>>? flags = null,
        string? settingsFile = null,
        IDictionary? environment = null)
    {
        // An injected environment (tests, tools) belongs to the caller: nothing is exported into this process's.
        var processEnvironment = environment is null;
        environment ??= Environment.GetEnvironmentVariables();
        var settings = new GhostRollSettings();
        var errors = new List<string>();

        // 1. settings file (absent default file is fine; an explicitly named one must exist)
        var explicitFile = settingsFile ?? environment[SettingsFileVariable] as string;
        var file = string.IsNullOrWhiteSpace(explicitFile) ? DefaultSettingsFile : SettingPaths.Expand(explicitFile);
        if (File.Exists(file))
        {
            foreach (var entry in SettingsFile.Read(file, errors))
            {
                if (entry.Key.StartsWith("AWS_", StringComparison.Ordinal))
                {
                    // Credentials and profile for the standard AWS chain. The process environment wins, as it
                    // does for our own settings, so `AWS_PROFILE=x ghostroll ...` still works.
                    if (processEnvironment && environment[entry.Key] is null)
                    {
                        Environment.SetEnvironmentVariable(entry.Key, entry.Value);
                    }

                    continue;
                }

                Apply(settings, entry.Key, entry.Value, $"{file}:{entry.Line}", errors, unknownIsError: true);
            }
        }
        else if (!string.IsNullOrWhiteSpace(explicitFile))
        {
            errors.Add($"settings file {file} does not exist (named by {(settingsFile is null ? SettingsFileVariable : "--config")})");
        }

        // 2. environment
        foreach (DictionaryEntry variable in environment)
        {
            if (variable.Key is string name && variable.Value is string value
                && name.StartsWith(SettingCatalog.EnvironmentPrefix, StringComparison.Ordinal)
                && !NonSettingVariables.Contains(name))
            {
                Apply(settings, name, value, "environment", errors, unknownIsError: true);
            }
        }

        // 3. command-line flags
        foreach (var flag in flags ?? [])
        {
            Apply(settings, flag.Key, flag.Value, "command line", errors, unknownIsError: true);
        }

        if (errors.Count > 0)
        {
            throw new SettingsException(errors);
        }

        return settings;
    }

    /// <summary>Parses <c>KEY=VALUE</c> as given to <c>--set</c>.</summary>
    public static KeyValuePair<string, string> ParseAssignment(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new SettingsException([$"'{text}' is not KEY=VALUE (example: --set SHARE_QUALITY=85)"]);
        }

        return new(text[..equals].Trim(), text[(equals + 1)..]);
    }

    private static void Apply(GhostRollSettings settings, string name, string value, string source, List<string> errors, bool unknownIsError)
    {
        var definition = SettingCatalog.Find(name);
        if (definition is null)
        {
            if (unknownIsError)
            {
                var hint = SettingCatalog.Suggest(name) is { } s ? $" (did you mean {SettingCatalog.EnvironmentPrefix}{s}?)" : "";
                errors.Add($"{name} ({source}): unknown setting{hint}; 'ghostroll config' lists them all");
            }

            return;
        }

        try
        {
            definition.Apply(settings, value);
        }
        catch (FormatException e)
        {
            var shown = definition.Secret ? "(hidden)" : $"'{value}'";
            errors.Add($"{definition.EnvironmentVariable}={shown} ({source}): {e.Message}");
        }
    }
}

/// <summary>One or more settings were invalid. <see cref="Exception.Message"/> lists each with its source.</summary>
public sealed class SettingsException : Exception
{
    public SettingsException(IReadOnlyList<string> problems)
        : base("invalid settings: " + string.Join("; ", problems)) => Problems = problems;

    public SettingsException() : this(["invalid settings"])
    {
    }

    public SettingsException(string message) : this([message])
    {
    }

    public SettingsException(string message, Exception inner) : base(message, inner) => Problems = [message];

    public IReadOnlyList<string> Problems { get; }
}

/// <summary>
/// The settings file format: <c>KEY=VALUE</c> lines as systemd's <c>EnvironmentFile=</c> reads them, so the
/// same file can feed the units. Blank lines and <c>#</c> comments are ignored, an optional <c>export </c>
/// prefix and matching quotes are removed.
/// </summary>
public static class SettingsFile
{
    public readonly record struct Entry(string Key, string Value, int Line);

    public static List<Entry> Read(string path, List<string> errors)
    {
        var entries = new List<Entry>();
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add($"cannot read settings file {path}: {e.Message}");
            return entries;
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (line.StartsWith("export ", StringComparison.Ordinal))
            {
                line = line[7..].TrimStart();
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                errors.Add($"{path}:{i + 1}: expected KEY=VALUE, found '{line}'");
                continue;
            }

            var value = line[(equals + 1)..].Trim();
            if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0])
            {
                value = value[1..^1];
            }

            entries.Add(new Entry(line[..equals].Trim(), value, i + 1));
        }

        return entries;
    }

    /// <summary>Writes settings atomically with mode 0600 (the file may hold credentials).</summary>
    public static void Write(string path, IEnumerable<KeyValuePair<string, string>> values, string? header = null)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        var text = new System.Text.StringBuilder();
        if (header is not null)
        {
            foreach (var line in header.Split('\n'))
            {
                text.Append("# ").AppendLine(line);
            }
        }

        foreach (var (key, value) in values)
        {
            var quoted = value.Any(char.IsWhiteSpace) || value.Contains('#', StringComparison.Ordinal) ? $"\"{value}\"" : value;
            text.Append(key).Append('=').AppendLine(quoted);
        }

        Storage.AtomicFile.WriteAllText(path, text.ToString(), UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
