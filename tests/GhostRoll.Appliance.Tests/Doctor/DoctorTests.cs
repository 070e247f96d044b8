using GhostRoll.Appliance.Doctor;
using GhostRoll.Appliance.Doctor.Checks;
using GhostRoll.Appliance.Tests.TestDoubles;
using GhostRoll.Configuration;
using GhostRoll.Doctor;
using GhostRoll.Storage;
using GhostRoll.TestSupport;

namespace GhostRoll.Appliance.Tests.Doctor;

public sealed class DoctorTests : IDisposable
{
    private const long Plenty = 50L * 1024 * 1024 * 1024;
    private readonly TempDirectory _dir = new("doctor");
    private readonly FakeSysfs _sys = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private GhostRollSettings HealthySettings() => new()
    {
        BaseDir = _dir.Combine("sessions"),
        DbPath = _dir.Combine("db", "ghostroll.db"),
        StatusPath = _dir.Combine("status", "status.json"),
        StatusImagePath = _dir.Combine("status", "status.png"),
        MountRoots = [Directory.CreateDirectory(_dir.Combine("media")).FullName],
        Display = "none",
        Battery = "none",
    };

    private IEnumerable<IDoctorCheck> Checks(GhostRollSettings settings, long freeBytes = Plenty, IReadOnlyList<NativeLibrary>? libraries = null)
    {
        File.WriteAllText(_sys.Paths.Filesystems, "nodev\tsysfs\nnodev\tproc\n\tvfat\n\texfat\n");
        return
        [
            new SettingsCheck(settings, _dir.Combine("ghostroll.env")),
            new StorageCheck(settings, _ => freeBytes),
            new DatabaseCheck(settings),
            new NativeLibrariesCheck(libraries ?? [new("libsqlite3.so.0", "libsqlite3-0", "the import journal", Required: true)]),
            new CardSupportCheck(settings, _sys.Paths, _dir.Combine("rootfs")),
            new HardwareBusCheck(settings, _dir.Combine("dev")),
        ];
    }

    [Fact]
    public async Task A_healthy_setup_is_all_OK_and_exits_0()
    {
        var settings = HealthySettings();
        using (var db = GhostRollDatabase.Open(settings.DbPath))
        {
            Assert.Equal("ok", db.Check());
        }

        var report = await Run(Checks(settings), Ct);
        var text = report.Render();

        Assert.Equal(0, report.ExitCode);
        Assert.All(report.Results, r => Assert.Equal(DoctorStatus.Ok, r.Status));
        Assert.Contains("quick_check ok", text, StringComparison.Ordinal);
        Assert.Contains("kernel can mount vfat", text, StringComparison.Ordinal);
        Assert.Contains("local-only", text, StringComparison.Ordinal);
        Assert.EndsWith("0 warnings, 0 failures.\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_setup_lists_each_problem_and_exits_1()
    {
        var settings = HealthySettings();
        // A damaged database, a status path under a file, no mount roots, a missing library, little space.
        Directory.CreateDirectory(Path.GetDirectoryName(settings.DbPath)!);
        File.WriteAllBytes(settings.DbPath, [.. "SQLite format 3\0"u8, .. new byte[4080]]);
        File.WriteAllText(_dir.Combine("not-a-folder"), "x");
        settings.StatusPath = _dir.Combine("not-a-folder", "status.json");
        settings.MountRoots = [_dir.Combine("nowhere")];
        NativeLibrary[] libraries =
        [
            new("libsqlite3.so.0", "libsqlite3-0", "the import journal", Required: true),
            new("libturbojpeg.so.99", "libturbojpeg0", "share images and thumbnails", Required: true),
            new("libheif.so.99", "libheif1", "HEIC photos", Required: false),
        ];

        var report = await Run(Checks(settings, freeBytes: 1L * 1024 * 1024 * 1024, libraries), Ct);
        var text = report.Render();

        Assert.Equal(1, report.ExitCode);
        Assert.Matches(@"FAIL  database +.*ghostroll\.db", text);
        Assert.Matches(@"FAIL  storage +status\.json folder: .*not-a-folder", text);
        Assert.Matches(@"FAIL  libraries +libturbojpeg\.so\.99 not found: .*\n +→ .*apt-get install libturbojpeg0", text);
        Assert.Matches(@"WARN  libraries +libheif\.so\.99 not found: HEIC photos is switched off", text);
        Assert.Matches(@"WARN  storage +1\.00 GB free .*under 2 GB", text);
        Assert.Matches(@"WARN  cards +none of the mount roots exist", text);
        Assert.Contains("3 failures: fix the FAIL lines above", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Space_below_the_copy_floor_is_a_failure()
    {
        var settings = HealthySettings();

        var report = await Run([new StorageCheck(settings, _ => 100L * 1024 * 1024)], Ct);

        Assert.Contains(report.Results, r => r.Status == DoctorStatus.Fail && r.Message.Contains("below MIN_FREE_MB", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_world_readable_settings_file_with_credentials_is_flagged()
    {
        var file = _dir.Combine("ghostroll.env");
        File.WriteAllText(file, "GHOSTROLL_S3_BUCKET=photos\nAWS_SECRET_ACCESS_KEY=abc123\n");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        var settings = HealthySettings();
        settings.S3Bucket = "photos";

        var report = await Run([new SettingsCheck(settings, file)], Ct);

        var warning = Assert.Single(report.Results, r => r.Status == DoctorStatus.Warn);
        Assert.Contains("chmod 600", warning.Advice, StringComparison.Ordinal);
        Assert.DoesNotContain("abc123", report.Render(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configured_display_without_SPI_is_a_warning()
    {
        var settings = HealthySettings();
        settings.Display = "waveshare-2in13-v4";
        Directory.CreateDirectory(_dir.Combine("dev"));
        File.WriteAllText(_dir.Combine("dev", "gpiochip0"), "");

        var report = await Run([new HardwareBusCheck(settings, _dir.Combine("dev"))], Ct);

        Assert.Contains(report.Results, r => r.Status == DoctorStatus.Warn && r.Message.Contains("/dev/spidev0.0", StringComparison.Ordinal) && r.Advice!.Contains("dtparam=spi=on", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_check_that_crashes_becomes_a_FAIL_line_and_the_others_still_run()
    {
        var report = await Run([new ThrowingCheck(), new SettingsCheck(HealthySettings(), _dir.Combine("none.env"))], Ct);

        Assert.Equal(DoctorStatus.Fail, report.Results[0].Status);
        Assert.Contains("InvalidOperationException", report.Results[0].Message, StringComparison.Ordinal);
        Assert.Equal(DoctorStatus.Ok, report.Results[1].Status);
    }

    [Fact]
    public async Task Half_installed_auto_import_is_a_warning()
    {
        var settings = HealthySettings();
        var rules = Directory.CreateDirectory(_dir.Combine("rootfs", "etc", "udev", "rules.d")).FullName;
        File.WriteAllText(Path.Combine(rules, "90-ghostroll.rules"), "");
        File.WriteAllText(_sys.Paths.Filesystems, "\tvfat\n\texfat\n");

        var report = await Run([new CardSupportCheck(settings, _sys.Paths, _dir.Combine("rootfs"))], Ct);

        Assert.Contains(report.Results, r => r.Status == DoctorStatus.Warn && r.Message.Contains("unit: missing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Missing_ffmpeg_is_a_warning_that_says_what_clips_lose_and_what_to_install()
    {
        var bin = Directory.CreateDirectory(_dir.Combine("bin")).FullName;
        File.WriteAllText(Path.Combine(bin, "ffprobe"), "#!/bin/sh\n");
        File.SetUnixFileMode(Path.Combine(bin, "ffprobe"), UnixFileMode.UserRead | UnixFileMode.UserExecute);
        File.WriteAllText(Path.Combine(bin, "ffmpeg"), "not executable");

        var without = await Run([new ClipToolsCheck(bin)], Ct);
        File.SetUnixFileMode(Path.Combine(bin, "ffmpeg"), UnixFileMode.UserRead | UnixFileMode.UserExecute);
        var with = await Run([new ClipToolsCheck($"/nonexistent:{bin}")], Ct);

        var warning = Assert.Single(without.Results);
        Assert.Equal(DoctorStatus.Warn, warning.Status);
        Assert.StartsWith("ffmpeg not found on PATH", warning.Message, StringComparison.Ordinal);
        Assert.Contains("apt install ffmpeg", warning.Advice, StringComparison.Ordinal);
        Assert.Equal(0, without.ExitCode); // photos are unaffected: a warning, not a failure
        Assert.Equal(DoctorStatus.Ok, Assert.Single(with.Results).Status);
    }

    [Fact]
    public async Task Advice_follows_its_finding_on_a_line_of_its_own_and_OK_lines_have_none()
    {
        var settings = HealthySettings();
        settings.MountRoots = [_dir.Combine("nowhere")];

        var report = await Run([new CardSupportCheck(settings, _sys.Paths, _dir.Combine("rootfs")), new ClipToolsCheck("/nonexistent")], Ct);
        var lines = report.Render().Split('\n');

        var finding = Array.FindIndex(lines, l => l.StartsWith("WARN  cards  none of the mount roots exist", StringComparison.Ordinal));
        Assert.True(finding >= 0, report.Render());
        // Under the message column: "WARN  " + the padded check name + two spaces.
        Assert.Equal(new string(' ', 6 + "clips".Length + 2) + "→ Set GHOSTROLL_MOUNT_ROOTS to where this system mounts cards", lines[finding + 1]);
        Assert.All(report.Results.Where(r => r.Status == DoctorStatus.Ok), r => Assert.Null(r.Advice));
    }

    /// <summary>
    /// Runs checks as the doctor verb does, and holds every test's results to the rule that a WARN or FAIL says what
    /// to do: whatever a scenario below makes a check report, its advice is there.
    /// </summary>
    private static async Task<DoctorReport> Run(IEnumerable<IDoctorCheck> checks, CancellationToken cancellationToken)
    {
        var report = await DoctorReport.RunAsync(checks, cancellationToken);
        Assert.All(report.Results.Where(r => r.Status != DoctorStatus.Ok), r => Assert.False(string.IsNullOrWhiteSpace(r.Advice), $"no advice for: {r}"));
        return report;
    }

    private sealed class ThrowingCheck : SyncDoctorCheck
    {
        public override string Name => "broken";

        protected override IReadOnlyList<DoctorResult> Run() => throw new InvalidOperationException("boom");
    }

    public void Dispose()
    {
        _sys.Dispose();
        _dir.Dispose();
    }
}
