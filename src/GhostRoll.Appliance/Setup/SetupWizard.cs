using GhostRoll.Appliance.Web;
using GhostRoll.Configuration;
using GhostRoll.Storage;

namespace GhostRoll.Appliance.Setup;

/// <summary>
/// <c>ghostroll setup</c>: asks for the few settings people need (card label, where sessions go, S3 or local-only,
/// panel and battery), validates each answer the way the loader will, keeps every other entry of an existing
/// file, and writes the file atomically with mode 0600 (it may hold credentials). Reads answers from a
/// <see cref="TextReader"/> so tests can script it; secrets come through <see cref="ReadSecret"/> (no echo on a terminal).
/// </summary>
public sealed class SetupWizard
{
    private readonly TextReader _input;
    private readonly TextWriter _output;
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public SetupWizard(TextReader input, TextWriter output, Func<string>? readSecret = null)
    {
        _input = input;
        _output = output;
        ReadSecret = readSecret ?? (() => _input.ReadLine() ?? "");
    }

    /// <summary>Reads a secret answer without echo (the CLI passes a terminal reader).</summary>
    public Func<string> ReadSecret { get; }

    /// <summary>Runs the questions against the file at <paramref name="path"/> and writes it. Returns the entries written.</summary>
    public IReadOnlyDictionary<string, string> Run(string path, SystemUser? owner)
    {
        Load(path);
        PinServicePaths(owner);
        _output.WriteLine($"GhostRoll setup: answers go to {path}. Press Enter to keep the value in [brackets].");
        _output.WriteLine();

        Ask("SD_LABEL", "Card label (name your SD card this to have it imported)");
        Ask("BASE_DIR", "Folder for sessions (copies, share images, galleries)");

        var publishing = Current("S3_BUCKET").Length > 0;
        if (AskYesNo("Publish galleries to a private S3 bucket? (no = local-only, nothing leaves this machine)", publishing))
        {
            Ask("S3_BUCKET", "Bucket name", allowEmpty: false);
            Ask("S3_ENDPOINT", "S3-compatible endpoint URL (empty = AWS)", allowEmpty: true);
            Ask("S3_REGION", "Region (empty = from AWS configuration, else us-east-1)", allowEmpty: true);
            Ask("S3_PREFIX_ROOT", "Key prefix for sessions");
            if (Current("S3_ENDPOINT").Length > 0 && !_values.ContainsKey(SettingsFileText.CanonicalKey("S3_FORCE_PATH_STYLE")))
            {
                Set("S3_FORCE_PATH_STYLE", "true"); // self-hosted servers nearly always need path-style URLs
            }

            Ask("S3_FORCE_PATH_STYLE", "Use path-style URLs (true for most self-hosted servers)");
            AskCredential("AWS_ACCESS_KEY_ID", "Access key id (empty = use the AWS default chain: ~/.aws, instance role)", secret: false);
            if (Current("AWS_ACCESS_KEY_ID").Length > 0)
            {
                AskCredential("AWS_SECRET_ACCESS_KEY", "Secret access key", secret: true);
            }
        }
        else
        {
            Remove("S3_BUCKET");
        }

        Ask("DISPLAY", "E-ink panel (auto, none, waveshare-2in13-v4, ...)");
        Ask("BATTERY", "Battery board (auto, none, pisugar2, pisugar2pro, pisugar3)");
        AskDashboardPassword();

        Write(path, owner);
        _output.WriteLine();
        _output.WriteLine($"Saved {path} (mode 0600{(owner is null ? "" : ", owner " + owner.Name)}). Check everything with: ghostroll doctor");
        return _values;
    }

    /// <summary>Applies entries from another file (first boot: the boot partition's ghostroll.env) and writes.</summary>
    public static IReadOnlyList<string> Merge(string targetPath, IEnumerable<KeyValuePair<string, string>> entries, SystemUser? owner, TextWriter output)
    {
        var wizard = new SetupWizard(TextReader.Null, output);
        wizard.Load(targetPath);
        var problems = new List<string>();
        var accepted = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in entries)
        {
            if (SettingsFileText.Validate(key, value) is { } problem)
            {
                problems.Add(problem);
            }
            else
            {
                accepted.Add(new(key, value));
            }
        }

        if (problems.Count > 0)
        {
            return problems; // all or nothing: a half-applied file is harder to reason about than none
        }

        wizard.PinServicePaths(owner);
        foreach (var (key, value) in accepted)
        {
            wizard.Set(key, value);
        }

        wizard.Write(targetPath, owner);
        return [];
    }

    private void Load(string path)
    {
        if (!File.Exists(path))
        {
            return;
        }

        var errors = new List<string>();
        foreach (var entry in SettingsFile.Read(path, errors))
        {
            Set(entry.Key, entry.Value);
        }

        if (errors.Count > 0)
        {
            throw new SettingsException(errors);
        }
    }

    /// <summary>
    /// Home-relative defaults (sessions, database, status files) written out for the service account, so that every
    /// reader of the appliance's settings file (the units, root on SSH) looks at the same files whatever its own HOME.
    /// </summary>
    private void PinServicePaths(SystemUser? owner)
    {
        if (owner is null)
        {
            return;
        }

        foreach (var key in (string[])["BASE_DIR", "DB_PATH", "STATUS_PATH", "STATUS_IMAGE_PATH", "DASHBOARD_PASSWORD_FILE"])
        {
            var definition = SettingCatalog.Find(key)!;
            if (Current(key).Length == 0 && definition.DefaultValue.StartsWith(SettingPaths.HomeDirectory, StringComparison.Ordinal))
            {
                Set(key, Path.Join(owner.Home, definition.DefaultValue[SettingPaths.HomeDirectory.Length..]));
            }
        }
    }

    /// <summary>
    /// The dashboard password is never stored: a DASHBOARD_PASSWORD entry (typed here, or in the first-boot file) is
    /// replaced by its SHA-512 crypt hash in DASHBOARD_PASSWORD_FILE, readable by the service account only.
    /// </summary>
    private void StorePasswordHash(SystemUser? owner)
    {
        var password = Current("DASHBOARD_PASSWORD");
        Remove("DASHBOARD_PASSWORD");
        if (password.Length == 0)
        {
            return;
        }

        var file = Current("DASHBOARD_PASSWORD_FILE") is { Length: > 0 } configured ? SettingPaths.Expand(configured) : SettingCatalog.Find("DASHBOARD_PASSWORD_FILE")!.DefaultValue;
        // A folder made here as root (first boot: the account's ~/.ghostroll, which also holds its database) must
        // belong to the account, or its own services could not create anything in it.
        var folder = Path.GetDirectoryName(file)!;
        var created = !Directory.Exists(folder);
        Directory.CreateDirectory(folder);
        if (created)
        {
            owner?.Own(folder);
        }

        AtomicFile.WriteAllText(file, DashboardPassword.FileText(password), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        owner?.Own(file);
        _output.WriteLine($"Dashboard password set (only its hash is stored, in {file}); restart ghostroll-web.service to use it.");
    }

    private void AskDashboardPassword()
    {
        var set = File.Exists(SettingPaths.Expand(Current("DASHBOARD_PASSWORD_FILE") is { Length: > 0 } f ? f : SettingCatalog.Find("DASHBOARD_PASSWORD_FILE")!.DefaultValue));
        while (true)
        {
            _output.Write($"Dashboard password for http://<this GhostRoll>/ (at least 8 characters; empty = {(set ? "keep the current one" : "dashboard stays locked")}): ");
            var answer = ReadSecret().Trim();
            if (answer.Length == 0)
            {
                return;
            }

            if (SettingsFileText.Validate("DASHBOARD_PASSWORD", answer) is { } problem)
            {
                _output.WriteLine("  " + problem);
                continue;
            }

            Set("DASHBOARD_PASSWORD", answer);
            return;
        }
    }

    private void Write(string path, SystemUser? owner)
    {
        StorePasswordHash(owner);
        var header = "GhostRoll settings (KEY=VALUE; also usable as a systemd EnvironmentFile).\n" +
                     "Written by 'ghostroll setup'. 'ghostroll config' lists every setting and its default.";
        SettingsFile.Write(path, _order.Select(k => new KeyValuePair<string, string>(k, _values[k])), header);
        owner?.Own(path);
    }

    private string Current(string key) => _values.GetValueOrDefault(SettingsFileText.CanonicalKey(key)) ?? "";

    private void Set(string key, string value)
    {
        var canonical = SettingsFileText.CanonicalKey(key);
        if (!_values.ContainsKey(canonical))
        {
            _order.Add(canonical);
        }

        _values[canonical] = value;
    }

    private void Remove(string key)
    {
        var canonical = SettingsFileText.CanonicalKey(key);
        _values.Remove(canonical);
        _order.Remove(canonical);
    }

    private void Ask(string key, string question, bool? allowEmpty = null)
    {
        var definition = SettingCatalog.Find(key)!;
        var current = Current(key);
        var shown = current.Length > 0 ? current : definition.DefaultValue;
        if (allowEmpty == true && current.Length > 0)
        {
            question += "; '-' clears it";
        }

        while (true)
        {
            _output.Write($"{question} [{shown}]: ");
            var answer = _input.ReadLine();
            if (answer is null)
            {
                throw new SettingsException("setup needs answers on standard input (it ended early); run it in a terminal");
            }

            answer = answer.Trim();
            if (answer.Length == 0)
            {
                if (current.Length == 0 && allowEmpty == false && shown.Length == 0)
                {
                    _output.WriteLine("  A value is needed here.");
                    continue;
                }

                return; // keep the current value (or the default, by not writing one)
            }

            if (answer == "-" && allowEmpty == true)
            {
                Remove(key);
                return;
            }

            if (SettingsFileText.Validate(key, answer) is { } problem)
            {
                _output.WriteLine("  " + problem);
                continue;
            }

            Set(key, answer);
            return;
        }
    }

    private void AskCredential(string key, string question, bool secret)
    {
        var current = Current(key);
        var shown = current.Length == 0 ? "" : secret ? "set, hidden" : current;
        _output.Write($"{question} [{shown}]: ");
        var answer = (secret ? ReadSecret() : _input.ReadLine() ?? "").Trim();
        if (answer.Length > 0)
        {
            Set(key, answer);
        }
    }

    private bool AskYesNo(string question, bool current)
    {
        while (true)
        {
            _output.Write($"{question} [{(current ? "yes" : "no")}]: ");
            var answer = (_input.ReadLine() ?? throw new SettingsException("setup needs answers on standard input (it ended early); run it in a terminal")).Trim().ToLowerInvariant();
            switch (answer)
            {
                case "":
                    return current;
                case "y" or "yes":
                    return true;
                case "n" or "no":
                    return false;
                default:
                    _output.WriteLine("  Answer yes or no.");
                    break;
            }
        }
    }
}
