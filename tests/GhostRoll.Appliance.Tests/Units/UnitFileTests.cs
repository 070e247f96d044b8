using System.Diagnostics;
using GhostRoll.TestSupport;

namespace GhostRoll.Appliance.Tests.Units;

/// <summary>
/// The shipped udev rule and systemd units, checked by systemd's own tools (systemd 252, as on Debian 12 and
/// Raspberry Pi OS bookworm). Any warning fails: systemd ignores unknown or misplaced keys, which would silently
/// drop a sandboxing line. The QEMU test (tests/vm) checks that they also work together.
/// </summary>
public sealed class UnitFileTests : IDisposable
{
    private static readonly string SystemdDir = Path.Combine(Fixtures.RepoRoot, "systemd");
    private static readonly string RuleFile = Path.Combine(Fixtures.RepoRoot, "udev", "90-ghostroll.rules");
    private readonly TempDirectory _root = new("units");

    public static TheoryData<string> Units => new() { "ghostroll-import@sdb1.service", "ghostroll-import@mmcblk1p1.service", "ghostroll-mount@sda.service", "ghostroll-display.service", "ghostroll-firstboot.service", "ghostroll-hotspot.service", "ghostroll-publish.service", "ghostroll-publish.timer", "ghostroll-web.service" };

    [Theory]
    [MemberData(nameof(Units))]
    public void Units_pass_systemd_analyze_verify(string unit)
    {
        // A root with the host's system units (for the targets ours depend on), our units, and a stand-in binary:
        // verify checks that ExecStart= programs exist and are executable.
        CopyTree("/usr/lib/systemd/system", _root.Combine("usr", "lib", "systemd", "system"));
        Directory.CreateDirectory(_root.Combine("etc", "systemd", "system"));
        Directory.CreateDirectory(_root.Combine("usr", "bin"));
        foreach (var file in Directory.GetFiles(SystemdDir, "*.service").Concat(Directory.GetFiles(SystemdDir, "*.timer")))
        {
            File.Copy(file, _root.Combine("etc", "systemd", "system", Path.GetFileName(file)), overwrite: true);
        }

        // Stand-ins for ghostroll and nginx (ghostroll-web.service runs Debian's nginx).
        Directory.CreateDirectory(_root.Combine("usr", "sbin"));
        foreach (var binary in new[] { _root.Combine("usr", "bin", "ghostroll"), _root.Combine("usr", "sbin", "nginx") })
        {
            File.WriteAllText(binary, "#!/bin/sh\n");
            File.SetUnixFileMode(binary, (UnixFileMode)0b111_101_101);
        }

        var (code, output) = Run("systemd-analyze", "verify", "--man=no", "--root=" + _root.Path, unit);

        Assert.True(code == 0 && output.Length == 0, $"systemd-analyze verify {unit} (exit {code}):\n{output}");
    }

    [Fact]
    public void Sysusers_and_tmpfiles_create_the_account_and_private_runtime_folders()
    {
        // Both tools applied to an empty root, the way first boot applies them to the image.
        Directory.CreateDirectory(_root.Combine("etc"));
        var (sysusersCode, sysusers) = Run("systemd-sysusers", "--root=" + _root.Path, Path.Combine(SystemdDir, "ghostroll.sysusers.conf"));
        Assert.True(sysusersCode == 0, $"systemd-sysusers: {sysusers}");
        var (tmpfilesCode, tmpfiles) = Run("systemd-tmpfiles", "--root=" + _root.Path, "--create", Path.Combine(SystemdDir, "ghostroll.tmpfiles.conf"));
        Assert.True(tmpfilesCode == 0 && tmpfiles.Length == 0, $"systemd-tmpfiles: {tmpfiles}");

        var account = File.ReadAllLines(_root.Combine("etc", "passwd")).Single(l => l.StartsWith("ghostroll:", StringComparison.Ordinal)).Split(':');
        Assert.Equal("/var/lib/ghostroll", account[5]); // HOME = the units' StateDirectory: default paths land there
        Assert.Equal("/usr/sbin/nologin", account[6]);
        Assert.Contains(File.ReadAllLines(_root.Combine("etc", "group")), l => l.StartsWith("i2c:", StringComparison.Ordinal) && l.EndsWith(":ghostroll", StringComparison.Ordinal));
        Assert.Equal((UnixFileMode)0b111_101_000, File.GetUnixFileMode(_root.Combine("run", "ghostroll", "cards")));
        Assert.Equal((UnixFileMode)0b111_111_000, File.GetUnixFileMode(_root.Combine("run", "ghostroll", "locks")));

        // The sessions folder exists from boot on: the web server binds it read-only when it starts.
        Assert.Equal((UnixFileMode)0b111_101_000, File.GetUnixFileMode(_root.Combine("var", "lib", "ghostroll", "ghostroll")));
    }

    [Fact]
    public void The_udev_rule_passes_udevs_own_parser()
    {
        if (Environment.UserName != "root")
        {
            Assert.Skip("needs root: the rule is put in place of /etc/udev/rules.d inside a private mount namespace (unshare -m)");
        }

        // udevadm 252 has no 'verify' (systemd 254+). Its 'test' reads every rules file and reports each invalid
        // line; our rule alone replaces /etc/udev/rules.d in a private mount namespace, so the host is untouched.
        var rules = Directory.CreateDirectory(_root.Combine("rules.d")).FullName;
        File.Copy(RuleFile, Path.Combine(rules, "90-ghostroll.rules"));
        var device = Directory.GetDirectories("/sys/class/block").Select(Path.GetFileName).First(d => d!.StartsWith("vd", StringComparison.Ordinal) || d!.StartsWith("sd", StringComparison.Ordinal) || d!.StartsWith("loop", StringComparison.Ordinal));

        var (code, output) = Run("unshare", "-m", "sh", "-c",
            $"mount --bind '{rules}' /etc/udev/rules.d && udevadm test --action=change /sys/class/block/{device} 2>&1");

        Assert.True(code == 0, output);
        Assert.Contains("Reading rules file: /etc/udev/rules.d/90-ghostroll.rules", output, StringComparison.Ordinal);
        var complaints = output.Split('\n').Where(l => l.Contains("90-ghostroll.rules:", StringComparison.Ordinal)).ToList();
        Assert.True(complaints.Count == 0, string.Join('\n', complaints));
    }

    private static (int Code, string Output) Run(string program, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, (stdout.Result + stderr).Trim());
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var entry in new DirectoryInfo(from).EnumerateFileSystemInfos())
        {
            var target = Path.Combine(to, entry.Name);
            if (entry.LinkTarget is { } link)
            {
                File.CreateSymbolicLink(target, link);
            }
            else if (entry is DirectoryInfo)
            {
                CopyTree(entry.FullName, target);
            }
            else
            {
                File.Copy(entry.FullName, target);
            }
        }
    }

    public void Dispose() => _root.Dispose();
}
