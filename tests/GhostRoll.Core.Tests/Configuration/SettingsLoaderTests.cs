using System.Collections;
using GhostRoll.Configuration;
using GhostRoll.TestSupport;

namespace GhostRoll.Core.Tests.Configuration;

public sealed class SettingsLoaderTests
{
    private static Hashtable Env(params (string Key, string Value)[] values)
    {
        var env = new Hashtable { ["HOME"] = "/home/pi" };
        foreach (var (k, v) in values)
        {
            env[k] = v;
        }

        return env;
    }

    [Fact]
    public void Defaults_match_the_original_tool()
    {
        var s = SettingsLoader.Load(environment: Env());

        Assert.Equal("auto-import", s.SdLabel);
        Assert.Equal(2048, s.ShareMaxLongEdge);
        Assert.Equal(90, s.ShareQuality);
        Assert.Equal(512, s.ThumbMaxLongEdge);
        Assert.Equal(85, s.ThumbQuality);
        Assert.Equal(604800, s.PresignExpirySeconds);
        Assert.Equal("sessions/", s.S3PrefixRoot);
        Assert.Equal(["/Volumes", "/media", "/run/media", "/mnt"], s.MountRoots);
        Assert.Equal(4, s.UploadWorkers);
        Assert.Equal(8, s.PresignWorkers);
        Assert.Equal(Math.Clamp(Environment.ProcessorCount, 1, 6), s.ProcessWorkers);
        Assert.True(s.LocalOnly);
        Assert.EndsWith("/.ghostroll/ghostroll.db", s.DbPath, StringComparison.Ordinal);
    }

    [Fact]
    public void Flags_beat_environment_beat_file_beat_defaults()
    {
        using var temp = new TempDirectory("settings");
        var file = temp.Combine("ghostroll.env");
        File.WriteAllText(file, """
            # comment
            GHOSTROLL_SHARE_QUALITY=70
            export GHOSTROLL_THUMB_QUALITY="60"
            SD_LABEL='cards here'
            GHOSTROLL_S3_PREFIX_ROOT=/photos
            """);

        var s = SettingsLoader.Load(
            flags: [new("SHARE_QUALITY", "95")],
            settingsFile: file,
            environment: Env(("GHOSTROLL_SHARE_QUALITY", "80"), ("GHOSTROLL_THUMB_QUALITY", "75")));

        Assert.Equal(95, s.ShareQuality); // flag
        Assert.Equal(75, s.ThumbQuality); // environment over file
        Assert.Equal("cards here", s.SdLabel); // file, quotes removed
        Assert.Equal("photos/", s.S3PrefixRoot); // trailing slash enforced
    }

    [Fact]
    public void Every_bad_value_is_reported_with_its_source()
    {
        using var temp = new TempDirectory("settings");
        var file = temp.Combine("bad.env");
        File.WriteAllText(file, "GHOSTROLL_SHARE_QUALTY=80\nthis is not an assignment\n");

        var e = Assert.Throws<SettingsException>(() => SettingsLoader.Load(
            flags: [new("PRESIGN_EXPIRY_SECONDS", "700000")],
            settingsFile: file,
            environment: Env(("GHOSTROLL_VERIFY_COPIES", "maybe"), ("GHOSTROLL_S3_BUCKET", "https://bucket.example"))));

        Assert.Contains(e.Problems, p => p.Contains("did you mean GHOSTROLL_SHARE_QUALITY", StringComparison.Ordinal) && p.Contains("bad.env:1", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Contains("bad.env:2", StringComparison.Ordinal) && p.Contains("KEY=VALUE", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("GHOSTROLL_PRESIGN_EXPIRY_SECONDS='700000' (command line): must be a whole number from 60 to 604800", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Contains("GHOSTROLL_VERIFY_COPIES", StringComparison.Ordinal) && p.Contains("true or false", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Contains("GHOSTROLL_S3_BUCKET", StringComparison.Ordinal) && p.Contains("not a URL", StringComparison.Ordinal));
    }

    [Fact]
    public void A_named_settings_file_must_exist() =>
        Assert.Contains("does not exist", Assert.Throws<SettingsException>(() => SettingsLoader.Load(settingsFile: "/nonexistent/ghostroll.env", environment: Env())).Message, StringComparison.Ordinal);

    [Fact]
    public void Home_relative_paths_are_expanded()
    {
        var home = SettingPaths.HomeDirectory;
        var s = SettingsLoader.Load(flags: [new("BASE_DIR", "~/photos")], environment: Env());
        Assert.Equal(Path.Combine(home, "photos"), s.BaseDir);
    }

    [Fact]
    public void Settings_files_are_written_owner_only()
    {
        using var temp = new TempDirectory("settings");
        var file = temp.Combine("etc", "ghostroll.env");
        SettingsFile.Write(file, [new("GHOSTROLL_S3_BUCKET", "my-bucket"), new("AWS_SECRET_ACCESS_KEY", "secret value")], "written by test");

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        var entries = SettingsFile.Read(file, []);
        Assert.Equal("secret value", entries.Single(e => e.Key == "AWS_SECRET_ACCESS_KEY").Value);
    }

    [Fact]
    public void Loading_with_an_injected_environment_never_changes_the_process_environment()
    {
        // The process environment is shared by every test in this process: a Load that exported a settings file's
        // AWS_* lines into it would leak credentials into the AWS chain of unrelated tests.
        using var temp = new TempDirectory("settings");
        var file = temp.Combine("ghostroll.env");
        SettingsFile.Write(file, [new("GHOSTROLL_S3_BUCKET", "my-bucket"), new("AWS_GRTEST_NEVER_EXPORTED", "x")], "written by test");

        var s = SettingsLoader.Load(settingsFile: file, environment: Env());

        Assert.Equal("my-bucket", s.S3Bucket);
        Assert.Null(Environment.GetEnvironmentVariable("AWS_GRTEST_NEVER_EXPORTED"));
    }

    [Fact]
    public void The_catalog_has_a_description_and_a_parseable_default_for_every_setting()
    {
        foreach (var d in SettingCatalog.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(d.Description), d.Key);
            var s = new GhostRollSettings();
            if (d.DefaultValue.Length > 0)
            {
                d.Apply(s, d.DefaultValue); // the default round-trips through its own parser
                Assert.Equal(d.DefaultValue, d.Format(s));
            }
        }
    }
}
