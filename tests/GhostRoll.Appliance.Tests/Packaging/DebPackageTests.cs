using System.Collections;
using System.Text.RegularExpressions;
using GhostRoll.Appliance.Doctor.Checks;
using GhostRoll.Configuration;
using GhostRoll.TestSupport;

namespace GhostRoll.Appliance.Tests.Packaging;

/// <summary>
/// The Debian packages of image-build/deb/build-deb (docs/packaging.md): control fields and Depends against the
/// libraries the code loads, the file list against systemd/ and udev/, the arm64 binary's architecture, lintian,
/// and the amd64 package's whole life in a clean Debian bookworm root: apt install (Depends resolved from the
/// archive), doctor, an import as the service account, upgrade, remove and purge.
/// About 2 minutes on a loaded 2-core machine with warm caches (the bookworm root tarball in
/// /var/tmp/ghostroll-deb-cache, the packages in artifacts/deb); a cold root adds about 2.5 minutes of mmdebstrap.
/// </summary>
public sealed partial class DebPackageTests(DebPackages packages) : IClassFixture<DebPackages>
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    /// <summary>Units whose [Install] section the package enables: display, LAN web server, upload timer, first boot.</summary>
    private static readonly string[] EnabledLinks =
    [
        "etc/systemd/system/multi-user.target.wants/ghostroll-display.service",
        "etc/systemd/system/multi-user.target.wants/ghostroll-web.service",
        "etc/systemd/system/timers.target.wants/ghostroll-publish.timer",
        "etc/systemd/system/multi-user.target.wants/ghostroll-firstboot.service",
    ];

    /// <summary>Lintian warnings docs/packaging.md explains (no error may remain; info tags are listed there too).</summary>
    private static readonly string[] DocumentedWarnings = ["initial-upload-closes-no-bugs"];

    /// <summary>Sonames the code binds that the doctor's library check does not list, with their packages.</summary>
    private static readonly Dictionary<string, string> OtherSonames = new()
    {
        ["libc.so.6"] = "libc6",
        ["libcrypt.so.1"] = "libcrypt1",
    };

    [Fact]
    public void The_amd64_package_declares_the_libraries_the_code_loads_and_holds_the_appliance_files()
    {
        var deb = Require(packages.Amd64, packages.Amd64Problem);

        using var temp = new TempDirectory("deb-amd64");
        var binary = ExtractBinary(deb, temp);
        Assert.Equal("ghostroll", Field(deb, "Package"));
        Assert.Equal("amd64", Field(deb, "Architecture"));
        AssertVersionMatchesTheBinary(deb, binary);
        AssertDepends(deb);
        Assert.Equal("ffmpeg", Field(deb, "Recommends"));
        Assert.Equal("/etc/ghostroll/ghostroll.env", Control(deb, "conffiles").Trim());
        AssertFiles(deb);

        // The binary shipped is the binary tested by the AOT gate, byte for byte, when that binary is here.
        var gated = Path.Combine(Fixtures.RepoRoot, "artifacts", "aot", "linux-x64", "ghostroll");
        if (File.Exists(gated) && Path.GetDirectoryName(deb) == Path.Combine(Fixtures.RepoRoot, "artifacts", "deb"))
        {
            Assert.Equal(File.ReadAllBytes(gated), File.ReadAllBytes(binary));
        }
    }

    [Fact]
    public void The_arm64_package_holds_an_aarch64_binary_and_the_same_files()
    {
        var deb = Require(packages.Arm64, packages.Arm64Problem);

        Assert.Equal("arm64", Field(deb, "Architecture"));
        AssertDepends(deb);
        AssertFiles(deb);
        using var temp = new TempDirectory("deb-arm64");
        var binary = ExtractBinary(deb, temp);
        var header = Tools.Run("readelf", ["-h", binary], Limit).Output;
        Assert.Matches(@"Machine:\s+AArch64", header);
        Assert.Contains("ELF64", header, StringComparison.Ordinal);
        if (Tools.Find("file") is not null)
        {
            Assert.Contains("ARM aarch64", Tools.Run("file", ["-b", binary], Limit).Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Lintian_finds_no_errors_and_only_the_documented_warnings()
    {
        var debs = new[] { Require(packages.Amd64, packages.Amd64Problem) }.Concat(packages.Arm64 is { } arm64 ? [arm64] : []).ToList();
        if (Tools.Find("lintian") is null)
        {
            Assert.Skip("lintian is not installed: run .ci/install-deps test (.ci/deps/apt-packaging.txt)");
        }

        foreach (var deb in debs)
        {
            var result = Tools.Run("lintian", ["--fail-on", "error", deb], Limit);
            var tags = result.Output.Split('\n').Where(l => Regex.IsMatch(l, "^[EWIPXO]: ")).ToList();
            Assert.True(result.ExitCode == 0 && !tags.Any(t => t.StartsWith("E: ", StringComparison.Ordinal)),
                $"lintian {Path.GetFileName(deb)} (exit {result.ExitCode}):\n{result.Output}");
            var warnings = tags.Where(t => t.StartsWith("W: ", StringComparison.Ordinal)).Select(t => t.Split(' ')[2]).Distinct().ToList();
            Assert.True(warnings.All(DocumentedWarnings.Contains),
                $"lintian warnings not explained in docs/packaging.md: {string.Join(", ", warnings.Except(DocumentedWarnings))}\n{result.Output}");
        }
    }

    [Fact]
    public void The_default_settings_file_lists_every_setting_with_its_default_and_loads_when_uncommented()
    {
        var deb = Require(packages.Amd64, packages.Amd64Problem);
        using var temp = new TempDirectory("deb-settings");
        var text = ExtractFile(deb, "./etc/ghostroll/ghostroll.env", temp.Combine("ghostroll.env"));

        Assert.DoesNotContain(text.Split('\n'), l => l.Length > 0 && !l.StartsWith('#')); // every line a comment: defaults apply
        var uncommented = new List<string>();
        foreach (var definition in SettingCatalog.All)
        {
            var line = Assert.Single(text.Split('\n'), l => l.StartsWith($"#{definition.EnvironmentVariable}=", StringComparison.Ordinal));
            var shown = line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..];
            var expected = definition.DefaultValue.Replace(SettingPaths.HomeDirectory, "~", StringComparison.Ordinal);
            if (shown.Length > 0)
            {
                Assert.Equal(expected, shown);
                uncommented.Add(line[1..]);
            }
        }

        // Uncommented, the literal defaults are a valid settings file that changes nothing.
        var file = temp.Combine("uncommented.env");
        File.WriteAllLines(file, uncommented);
        var loaded = SettingsLoader.Load(settingsFile: file, environment: new Hashtable { ["HOME"] = SettingPaths.HomeDirectory });
        var defaults = new GhostRollSettings();
        foreach (var definition in SettingCatalog.All)
        {
            Assert.Equal(definition.Format(defaults), definition.Format(loaded));
        }
    }

    [Fact]
    public void Installs_upgrades_removes_and_purges_in_a_clean_bookworm_root()
    {
        var deb = Require(packages.Amd64, packages.Amd64Problem);
        if (Environment.UserName != "root")
        {
            Assert.Skip("needs root: mmdebstrap builds the root's device nodes and ownership, chroot and mount need root");
        }

        var missing = new[] { "mmdebstrap", "unshare", "chroot", "tar" }.Where(t => Tools.Find(t) is null).ToList();
        if (missing.Count > 0)
        {
            Assert.Skip($"missing {string.Join(", ", missing)}: run .ci/install-deps test (.ci/deps/apt-packaging.txt)");
        }

        using var root = BookwormRoot.Create(DependsPackages(deb));
        File.Copy(deb, root.At("tmp/ghostroll.deb"));

        // ---- install: apt resolves Depends from bookworm's lists (recommends left out: no ffmpeg)
        var install = Ok(root, "apt-get install -y -q --no-install-recommends /tmp/ghostroll.deb");
        Assert.Contains("Setting up ghostroll (", install, StringComparison.Ordinal);
        foreach (var package in DependsPackages(deb))
        {
            Assert.Equal("install ok installed", Ok(root, $"dpkg-query -W -f='${{Status}}' {package}").Trim());
        }

        var account = File.ReadAllLines(root.At("etc/passwd")).Single(l => l.StartsWith("ghostroll:", StringComparison.Ordinal)).Split(':');
        Assert.Equal("/var/lib/ghostroll", account[5]);
        Assert.Contains(File.ReadAllLines(root.At("etc/group")), l => l.StartsWith("i2c:", StringComparison.Ordinal) && l.EndsWith("ghostroll", StringComparison.Ordinal));
        Assert.True(Directory.Exists(root.At("run/ghostroll/locks")), "systemd-tmpfiles did not create /run/ghostroll/locks");
        foreach (var link in EnabledLinks)
        {
            Assert.True(File.Exists(root.At(link)) || new FileInfo(root.At(link)).LinkTarget is not null, $"not enabled: {link}");
        }

        // Templates and the timer's service are started by udev and the timer, never enabled.
        Assert.Empty(Directory.GetFiles(root.At("etc/systemd/system"), "ghostroll-import@*", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetFiles(root.At("etc/systemd/system"), "ghostroll-publish.service", SearchOption.AllDirectories));

        // ---- doctor: runs and reports; it sees no card hardware here, but every library loads
        var doctor = root.Run("ghostroll doctor");
        Assert.True(doctor.ExitCode == 0, $"ghostroll doctor reported a failure (exit {doctor.ExitCode}):\n{doctor.Output}");
        Assert.Matches(@"(?m)^OK\s+settings\s+/etc/ghostroll/ghostroll\.env; local-only", doctor.Output);
        var libraries = Assert.Single(doctor.Output.Split('\n'), l => Regex.IsMatch(l, @"^\w+\s+libraries\s"));
        Assert.StartsWith("OK", libraries, StringComparison.Ordinal);
        foreach (var library in NativeLibrariesCheck.For(new GhostRollSettings()))
        {
            Assert.Contains(library.Soname, libraries, StringComparison.Ordinal);
        }

        Assert.Matches(@"(?m)^\d+ OK, \d+ warnings?, 0 failures\.", doctor.Output);

        // ---- an import as the service account, into its home: the sessions that must outlive remove and purge
        Ok(root, "install -d -o ghostroll -g ghostroll -m 0750 /var/lib/ghostroll && ghostroll sample-card /tmp/card >/dev/null"
                 + " && runuser -u ghostroll -- env HOME=/var/lib/ghostroll ghostroll run /tmp/card");
        var session = Assert.Single(Directory.GetDirectories(root.At("var/lib/ghostroll/ghostroll"), "shoot-*"));
        var gallery = Path.Combine(session, "index.html");
        Assert.True(File.Exists(gallery), "the import made no gallery");
        var galleryBytes = File.ReadAllBytes(gallery);

        // ---- upgrade: the administrator's settings and choices stay
        File.AppendAllText(root.At("etc/ghostroll/ghostroll.env"), "GHOSTROLL_SHARE_QUALITY=80\n");
        Ok(root, "systemctl disable ghostroll-publish.timer");
        var version = Field(deb, "Version");
        Ok(root, $"dpkg-deb -R /tmp/ghostroll.deb /tmp/next && sed -i 's/^Version: .*/Version: {version}.1/' /tmp/next/DEBIAN/control"
                 + " && dpkg-deb --root-owner-group -Zgzip -z1 -b /tmp/next /tmp/ghostroll-next.deb >/dev/null && rm -rf /tmp/next");
        Ok(root, "apt-get install -y -q --no-install-recommends /tmp/ghostroll-next.deb");
        Assert.Equal($"{version}.1", Ok(root, "dpkg-query -W -f='${Version}' ghostroll").Trim());
        Assert.EndsWith("GHOSTROLL_SHARE_QUALITY=80\n", File.ReadAllText(root.At("etc/ghostroll/ghostroll.env")), StringComparison.Ordinal);
        Assert.Equal("disabled", root.Run("systemctl is-enabled ghostroll-publish.timer").Output.Trim());
        Assert.Equal("enabled", root.Run("systemctl is-enabled ghostroll-display.service").Output.Trim());
        Assert.Equal(galleryBytes, File.ReadAllBytes(gallery));

        // ---- remove: program, units and rule go; settings, account and sessions stay
        Ok(root, "apt-get remove -y -q ghostroll");
        Assert.Equal("deinstall ok config-files", Ok(root, "dpkg-query -W -f='${Status}' ghostroll").Trim());
        Assert.False(File.Exists(root.At("usr/bin/ghostroll")));
        Assert.Empty(Directory.GetFiles(root.At("usr/lib/systemd/system"), "ghostroll*"));
        Assert.False(File.Exists(root.At("usr/lib/udev/rules.d/90-ghostroll.rules")));
        Assert.EndsWith("GHOSTROLL_SHARE_QUALITY=80\n", File.ReadAllText(root.At("etc/ghostroll/ghostroll.env")), StringComparison.Ordinal);
        Assert.Equal(galleryBytes, File.ReadAllBytes(gallery));
        Assert.Contains(File.ReadAllLines(root.At("etc/passwd")), l => l.StartsWith("ghostroll:", StringComparison.Ordinal));

        // ---- purge: only what the package made goes (the conffile, the enable links and their records)
        File.WriteAllText(root.At("etc/ghostroll/notes.txt"), "the administrator's own file\n");
        Ok(root, "dpkg --purge ghostroll");
        Assert.Equal("", root.Run("dpkg-query -W -f='${Status}' ghostroll 2>/dev/null").Output.Trim());
        Assert.False(File.Exists(root.At("etc/ghostroll/ghostroll.env")), "purge left the conffile");
        Assert.True(File.Exists(root.At("etc/ghostroll/notes.txt")), "purge removed a file the package did not create");
        foreach (var link in EnabledLinks)
        {
            Assert.True(new FileInfo(root.At(link)).LinkTarget is null && !File.Exists(root.At(link)), $"purge left {link}");
        }

        Assert.Empty(Directory.GetFiles(root.At("var/lib/systemd/deb-systemd-helper-enabled"), "ghostroll*", SearchOption.AllDirectories));
        Assert.Equal(galleryBytes, File.ReadAllBytes(gallery));
        Assert.True(Directory.Exists(Path.Combine(session, "originals")), "purge touched the session's photos");
        Assert.Contains(File.ReadAllLines(root.At("etc/passwd")), l => l.StartsWith("ghostroll:", StringComparison.Ordinal));
    }

    private static string Require(string? deb, string? problem)
    {
        if (deb is null)
        {
            Assert.Skip(problem ?? "no package");
        }

        return deb;
    }

    private static string Ok(BookwormRoot root, string script)
    {
        var result = root.Run(script);
        Assert.True(result.ExitCode == 0, $"in the bookworm root: {script}\n(exit {result.ExitCode})\n{result.Output}");
        return result.Output;
    }

    private static string Field(string deb, string field) => Tools.Run("dpkg-deb", ["-f", deb, field], Limit).Output.Trim();

    private static string Control(string deb, string member) => Tools.Run("dpkg-deb", ["-I", deb, member], Limit).Output;

    /// <summary>Package names of Depends, without version constraints.</summary>
    private static List<string> DependsPackages(string deb) =>
        Field(deb, "Depends").Split(',').Select(d => d.Trim().Split(' ')[0]).ToList();

    private static void AssertDepends(string deb)
    {
        var depends = Field(deb, "Depends");
        var names = DependsPackages(deb);

        // Every library the code binds by soname has its package: the doctor's list and the other interop constants.
        var sonames = Directory.GetFiles(Path.Combine(Fixtures.RepoRoot, "src"), "Interop.Libraries.cs", SearchOption.AllDirectories)
            .SelectMany(f => SonameConstant().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Distinct().ToList();
        Assert.NotEmpty(sonames);
        var known = NativeLibrariesCheck.For(new GhostRollSettings()).ToDictionary(l => l.Soname, l => l.Package);
        foreach (var soname in sonames)
        {
            var package = known.GetValueOrDefault(soname) ?? OtherSonames.GetValueOrDefault(soname);
            Assert.True(package is not null, $"{soname} is bound in src/ but neither the doctor nor this test knows its package: add it to build-deb's Depends and here");
            Assert.Contains(package, names);
        }

        foreach (var package in known.Values)
        {
            Assert.Contains(package, names);
        }

        // Data and runtime pieces no soname constant names: DejaVu for FreeType, OpenSSL's libcrypto for .NET's SHA-256
        // of every copy, systemd (sysusers, tmpfiles, units), udev (the rule) and nginx (the LAN galleries, "nginx-light | nginx").
        Assert.Contains("nginx-light | nginx", depends, StringComparison.Ordinal);
        Assert.Equal(
            new[] { "libc6", "libsqlite3-0", "libturbojpeg0", "libjpeg62-turbo", "libheif1", "libwebp7", "liblcms2-2", "libfreetype6", "fonts-dejavu-core", "libssl3", "libcrypt1", "systemd", "udev", "nginx-light" }.Order(),
            names.Order());

        // libc6's floor is what the binary's symbol versions need, and bookworm's glibc (2.36) satisfies it.
        var floor = Regex.Match(depends, @"libc6 \(>= (\d+)\.(\d+)\)");
        Assert.True(floor.Success, depends);
        Assert.True(int.Parse(floor.Groups[1].Value) == 2 && int.Parse(floor.Groups[2].Value) is >= 17 and <= 36, depends);
    }

    private static void AssertVersionMatchesTheBinary(string deb, string binary)
    {
        var reported = Tools.Run(binary, ["--version"], Limit).Output.Trim(); // 0.1.0+<commit>
        var version = Field(deb, "Version");
        var upstream = reported.Split('+')[0];
        Assert.Matches(@"^\d+\.\d+\.\d+(\+git(\d{8}\.\d{6}\.)?[0-9a-f]{7})?-\d+$", version);
        Assert.StartsWith(upstream, version, StringComparison.Ordinal);
        if (reported.Contains('+', StringComparison.Ordinal))
        {
            Assert.Contains("." + reported.Split('+')[1][..7] + "-", version.Replace("+git", ".", StringComparison.Ordinal), StringComparison.Ordinal);
        }
    }

    private static void AssertFiles(string deb)
    {
        var listing = Tools.Run("dpkg-deb", ["-c", deb], Limit).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => Regex.Match(l, @"^(\S+) (\S+)\s+\d+ \S+ \S+ \./(.*)$"))
            .Where(m => m.Success && !m.Groups[1].Value.StartsWith('d'))
            .ToDictionary(m => m.Groups[3].Value, m => (Mode: m.Groups[1].Value, Owner: m.Groups[2].Value));

        var units = Directory.GetFiles(Path.Combine(Fixtures.RepoRoot, "systemd"))
            .Where(f => f.EndsWith(".service", StringComparison.Ordinal) || f.EndsWith(".timer", StringComparison.Ordinal))
            .Select(f => "usr/lib/systemd/system/" + Path.GetFileName(f));
        var expected = units.Concat(
        [
            "usr/bin/ghostroll",
            "usr/lib/sysusers.d/ghostroll.conf",
            "usr/lib/tmpfiles.d/ghostroll.conf",
            "usr/lib/udev/rules.d/90-ghostroll.rules",
            "etc/ghostroll/ghostroll.env",
            "usr/share/doc/ghostroll/copyright",
            "usr/share/doc/ghostroll/changelog.Debian.gz",
            "usr/share/man/man1/ghostroll.1.gz",
            "usr/share/lintian/overrides/ghostroll",
        ]);
        Assert.Equal(expected.Order(), listing.Keys.Order());
        Assert.All(listing, f => Assert.Equal("root/root", f.Value.Owner));
        Assert.All(listing, f => Assert.Equal(f.Key == "usr/bin/ghostroll" ? "-rwxr-xr-x" : "-rw-r--r--", f.Value.Mode));

        // The files are the repository's own, unchanged.
        using var temp = new TempDirectory("deb-files");
        foreach (var (packaged, source) in new[]
                 {
                     ("usr/lib/sysusers.d/ghostroll.conf", "systemd/ghostroll.sysusers.conf"),
                     ("usr/lib/tmpfiles.d/ghostroll.conf", "systemd/ghostroll.tmpfiles.conf"),
                     ("usr/lib/udev/rules.d/90-ghostroll.rules", "udev/90-ghostroll.rules"),
                     ("usr/lib/systemd/system/ghostroll-import@.service", "systemd/ghostroll-import@.service"),
                     ("usr/lib/systemd/system/ghostroll-display.service", "systemd/ghostroll-display.service"),
                     ("usr/lib/systemd/system/ghostroll-web.service", "systemd/ghostroll-web.service"),
                 })
        {
            Assert.Equal(File.ReadAllText(Path.Combine(Fixtures.RepoRoot, source)), ExtractFile(deb, "./" + packaged, temp.Combine(Path.GetFileName(packaged))));
        }

        // Maintainer scripts: present, executable, valid sh.
        var control = Tools.Run("dpkg-deb", ["-I", deb], Limit).Output;
        foreach (var script in new[] { "postinst", "prerm", "postrm" })
        {
            Assert.Matches($@"\d+ bytes,\s+\d+ lines\s+\*\s+{script}\s+#!/bin/sh", control);
            var path = temp.Combine(script);
            File.WriteAllText(path, Control(deb, script));
            var syntax = Tools.Run("sh", ["-n", path], Limit);
            Assert.True(syntax.ExitCode == 0, $"{script}: {syntax.Output}");
        }
    }

    private static string ExtractBinary(string deb, TempDirectory temp)
    {
        var binary = temp.Combine("ghostroll");
        ExtractFile(deb, "./usr/bin/ghostroll", binary, text: false);
        File.SetUnixFileMode(binary, (UnixFileMode)0b111_101_101);
        return binary;
    }

    private static string ExtractFile(string deb, string member, string to, bool text = true)
    {
        var result = Tools.Run("sh", ["-c", "dpkg-deb --fsys-tarfile \"$1\" | tar -xO \"$2\" > \"$3\"", "sh", deb, member, to], Limit);
        Assert.True(result.ExitCode == 0, $"extracting {member} from {deb}: {result.Output}");
        return text ? File.ReadAllText(to) : to;
    }

    [GeneratedRegex("\"(lib[a-z0-9_+-]+\\.so\\.[0-9]+)\"")]
    private static partial Regex SonameConstant();
}
