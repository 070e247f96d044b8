using GhostRoll.Appliance.Setup;
using GhostRoll.Configuration;
using GhostRoll.TestSupport;

namespace GhostRoll.Appliance.Tests.Setup;

public sealed class SetupWizardTests : IDisposable
{
    private readonly TempDirectory _dir = new("setup");

    /// <summary>
    /// An environment for the loader that already names the AWS variables, so loading a file that holds credentials
    /// does not export them into this test process (the loader exports file credentials only when unset).
    /// </summary>
    private static Dictionary<string, string> NoEnvironment => new() { ["AWS_ACCESS_KEY_ID"] = "", ["AWS_SECRET_ACCESS_KEY"] = "" };

    private static string Run(string path, string answers, string secret = "")
    {
        var output = new StringWriter();
        // The secret answers the first secret question only (the S3 key); the dashboard password question gets none.
        var secrets = new Queue<string>([secret]);
        new SetupWizard(new StringReader(answers + "\n"), output, () => secrets.Count > 0 ? secrets.Dequeue() : "").Run(path, owner: null);
        return output.ToString();
    }

    [Fact]
    public void Writes_the_answers_with_mode_0600_and_the_loader_reads_them_back()
    {
        var path = _dir.Combine("etc", "ghostroll.env");

        var output = Run(path, string.Join('\n', "cards", _dir.Combine("shoots"), "yes", "photos-bucket", "http://127.0.0.1:9000", "", "", "", "AKIDEXAMPLE", "none", "pisugar3"), secret: "s3cr3t-value");

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        var settings = SettingsLoader.Load(settingsFile: path, environment: NoEnvironment);
        Assert.Equal("cards", settings.SdLabel);
        Assert.Equal(_dir.Combine("shoots"), settings.BaseDir);
        Assert.Equal("photos-bucket", settings.S3Bucket);
        Assert.Equal("http://127.0.0.1:9000", settings.S3Endpoint);
        Assert.True(settings.S3ForcePathStyle); // defaulted on for a custom endpoint
        Assert.Equal("none", settings.Display);
        Assert.Equal("pisugar3", settings.Battery);
        var text = File.ReadAllText(path);
        Assert.Contains("AWS_SECRET_ACCESS_KEY=s3cr3t-value", text, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-value", output, StringComparison.Ordinal); // never echoed
    }

    [Fact]
    public void A_bad_answer_is_explained_and_asked_again()
    {
        var path = _dir.Combine("ghostroll.env");

        var output = Run(path, string.Join('\n', "", "", "maybe", "no", "waveshare-9in", "none", ""));

        Assert.Contains("Answer yes or no.", output, StringComparison.Ordinal);
        Assert.Contains("must be one of: auto, none, waveshare-2in13-v4", output, StringComparison.Ordinal);
        Assert.Equal("none", SettingsLoader.Load(settingsFile: path, environment: NoEnvironment).Display);
    }

    [Fact]
    public void Rerunning_keeps_existing_entries_and_local_only_drops_the_bucket()
    {
        var path = _dir.Combine("ghostroll.env");
        File.WriteAllText(path, "GHOSTROLL_SHARE_QUALITY=85\nGHOSTROLL_S3_BUCKET=old-bucket\n");

        Run(path, string.Join('\n', "", "", "no", "", ""));

        var settings = SettingsLoader.Load(settingsFile: path, environment: NoEnvironment);
        Assert.Equal(85, settings.ShareQuality); // not asked, kept
        Assert.True(settings.LocalOnly);
    }

    [Fact]
    public void Ending_input_early_stops_without_writing()
    {
        var path = _dir.Combine("ghostroll.env");

        Assert.Throws<SettingsException>(() => Run(path, "cards\n"));

        Assert.False(File.Exists(path));
    }

    [Fact]
    public void First_boot_merge_is_all_or_nothing()
    {
        var path = _dir.Combine("ghostroll.env");
        File.WriteAllText(path, "GHOSTROLL_SD_LABEL=auto-import\n");

        var problems = SetupWizard.Merge(path, [new("SD_LABEL", "cards"), new("SHARE_QUALITY", "500"), new("S3_BUKET", "x")], owner: null, TextWriter.Null);

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Contains("did you mean S3_BUCKET", StringComparison.Ordinal));
        Assert.Equal("GHOSTROLL_SD_LABEL=auto-import\n", File.ReadAllText(path)); // untouched

        Assert.Empty(SetupWizard.Merge(path, [new("SD_LABEL", "cards"), new("AWS_ACCESS_KEY_ID", "AKID")], owner: null, TextWriter.Null));
        Assert.Equal("cards", SettingsLoader.Load(settingsFile: path, environment: NoEnvironment).SdLabel);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void Setting_up_for_the_service_account_pins_its_paths_so_every_reader_sees_the_same_files()
    {
        var path = _dir.Combine("ghostroll.env");
        var me = SystemUser.Find(Environment.UserName)!;
        var service = me with { Home = _dir.Combine("var-lib-ghostroll") }; // owned by us: chown to ourselves needs no privilege

        var problems = SetupWizard.Merge(path, [new("SD_LABEL", "cards")], service, TextWriter.Null);

        Assert.Empty(problems);
        var settings = SettingsLoader.Load(settingsFile: path, environment: NoEnvironment);
        Assert.Equal(Path.Combine(service.Home, "ghostroll"), settings.BaseDir);
        Assert.Equal(Path.Combine(service.Home, ".ghostroll", "ghostroll.db"), settings.DbPath);
        Assert.Equal(Path.Combine(service.Home, "ghostroll", "status.json"), settings.StatusPath);
        Assert.Equal(Path.Combine(service.Home, "ghostroll", "status.png"), settings.StatusImagePath);
    }

    [Fact]
    public void A_dashboard_password_from_the_first_boot_file_is_stored_only_as_its_hash()
    {
        var path = _dir.Combine("ghostroll.env");
        var hashFile = _dir.Combine("state", "dashboard.htpasswd");

        var problems = SetupWizard.Merge(path, [new("GHOSTROLL_DASHBOARD_PASSWORD_FILE", hashFile), new("GHOSTROLL_DASHBOARD_PASSWORD", "first boot pass")], owner: null, new StringWriter());

        Assert.Empty(problems);
        var settings = File.ReadAllText(path);
        Assert.DoesNotContain("first boot pass", settings, StringComparison.Ordinal);
        Assert.DoesNotContain("DASHBOARD_PASSWORD=", settings, StringComparison.Ordinal);
        Assert.Matches(@"^ghostroll:\$6\$[./0-9A-Za-z]{16}\$[./0-9A-Za-z]{86}\n$", File.ReadAllText(hashFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(hashFile));
        Assert.NotEmpty(SetupWizard.Merge(path, [new("GHOSTROLL_DASHBOARD_PASSWORD", "short")], owner: null, new StringWriter()));
    }

    public void Dispose() => _dir.Dispose();
}
