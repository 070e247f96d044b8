using System.Diagnostics;
using GhostRoll.TestSupport;

namespace GhostRoll.Appliance.Tests.Packaging;

/// <summary>
/// The .deb packages under test, found or built once per test class: artifacts/deb (what .ci/aot-gate builds at
/// its end) when they are newer than their binaries and the packaging files; else image-build/deb/build-deb from
/// the AOT binaries in artifacts/aot; else, for amd64 only, from a linux-x64 AOT binary published here (reused
/// while src/ is unchanged). That last case is CI's x86 pass, which runs before .ci/aot-gate. The publish works on
/// a private copy of src/ because the QEMU test (tests/vm/run-e2e.sh) publishes the same project at the same time,
/// and two publishes sharing obj/ folders break each other. The arm64 package needs the cross-linked binary only
/// .ci/aot-gate makes.
/// </summary>
public sealed class DebPackages
{
    private static readonly string Repo = Fixtures.RepoRoot;

    public DebPackages()
    {
        var missing = new[] { "dpkg-deb", "readelf", "strings" }.Where(t => Tools.Find(t) is null).ToList();
        if (missing.Count > 0)
        {
            Amd64Problem = Arm64Problem = $"missing {string.Join(", ", missing)}: run .ci/install-deps test (.ci/deps/apt-packaging.txt)";
            return;
        }

        (Amd64, Amd64Problem) = Find("amd64", "linux-x64", mayPublish: true);
        (Arm64, Arm64Problem) = Find("arm64", "linux-arm64", mayPublish: false);
    }

    public string? Amd64 { get; }

    public string? Amd64Problem { get; }

    public string? Arm64 { get; }

    public string? Arm64Problem { get; }

    private static (string? Deb, string? Problem) Find(string arch, string rid, bool mayPublish)
    {
        var binary = Path.Combine(Repo, "artifacts", "aot", rid, "ghostroll");
        var packaging = Directory.GetFiles(Path.Combine(Repo, "image-build", "deb"))
            .Concat(Directory.GetFiles(Path.Combine(Repo, "systemd")))
            .Concat(Directory.GetFiles(Path.Combine(Repo, "udev")))
            .ToList();
        if (Newest(Path.Combine(Repo, "artifacts", "deb"), arch) is { } built
            && File.GetLastWriteTimeUtc(built) >= packaging.Append(binary).Where(File.Exists).Max(File.GetLastWriteTimeUtc))
        {
            return (built, null);
        }

        if (File.Exists(binary))
        {
            return (BuildDeb(arch, Path.Combine(Repo, "artifacts", "aot"), Path.Combine(Repo, "artifacts", "deb")), null);
        }

        if (!mayPublish)
        {
            return (null, $"no {rid} binary at {binary}: .ci/aot-gate cross-links it (and builds artifacts/deb at its end)");
        }

        if (Tools.Find("clang") is null)
        {
            return (null, "no linux-x64 AOT binary and no clang to publish one: run .ci/install-deps test, or .ci/aot-gate");
        }

        // A package this fixture made before is reused while no source or packaging file is newer.
        var output = Path.Combine(Repo, "artifacts", "deb-test", "deb");
        var sources = Directory.EnumerateFiles(Path.Combine(Repo, "src"), "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal))
            .Concat(packaging)
            .Concat(new[] { "Directory.Build.props", "Directory.Packages.props", "global.json" }.Select(f => Path.Combine(Repo, f)));
        if (Newest(output, arch) is { } earlier && File.GetLastWriteTimeUtc(earlier) >= sources.Max(File.GetLastWriteTimeUtc))
        {
            return (earlier, null);
        }

        var aot = Path.Combine(Repo, "artifacts", "deb-test", "aot");
        PublishPrivately(Path.Combine(aot, rid));
        return (BuildDeb(arch, aot, output), null);
    }

    private static string? Newest(string folder, string arch) =>
        Directory.Exists(folder) ? Directory.GetFiles(folder, $"ghostroll_*_{arch}.deb").OrderBy(File.GetLastWriteTimeUtc).LastOrDefault() : null;

    private static string BuildDeb(string arch, string aot, string output)
    {
        var result = Tools.Run(Path.Combine(Repo, "image-build", "deb", "build-deb"), ["--aot", aot, "--out", output, arch], TimeSpan.FromMinutes(15));
        Xunit.Assert.True(result.ExitCode == 0, $"image-build/deb/build-deb {arch} failed (exit {result.ExitCode}):\n{result.Output}");
        var deb = result.Output.Split('\n').Last(l => l.EndsWith(".deb", StringComparison.Ordinal)).Trim();
        return Path.IsPathRooted(deb) ? deb : Path.Combine(Repo, deb);
    }

    private static void PublishPrivately(string output)
    {
        using var copy = new TempDirectory("deb-src");
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json", ".editorconfig" })
        {
            File.Copy(Path.Combine(Repo, file), copy.Combine(file));
        }

        CopySources(Path.Combine(Repo, "src"), copy.Combine("src"));
        var result = Tools.Run("dotnet", ["publish", copy.Combine("src", "GhostRoll.Cli"), "-c", "Release", "-r", "linux-x64", "-o", output, "-nologo", "-v:q"],
            TimeSpan.FromMinutes(30));
        Xunit.Assert.True(result.ExitCode == 0, $"dotnet publish (linux-x64, Native AOT) failed:\n{result.Output}");
    }

    private static void CopySources(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var entry in new DirectoryInfo(from).EnumerateFileSystemInfos())
        {
            if (entry is DirectoryInfo directory)
            {
                if (entry.Name is not ("bin" or "obj"))
                {
                    CopySources(directory.FullName, Path.Combine(to, entry.Name));
                }
            }
            else
            {
                File.Copy(entry.FullName, Path.Combine(to, entry.Name));
            }
        }
    }
}

/// <summary>Runs the command-line tools the packaging tests use, with a generous hang guard.</summary>
internal static class Tools
{
    public sealed record Result(int ExitCode, string Output);

    public static string? Find(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':')
            .Concat(["/usr/sbin", "/sbin"])
            .Select(dir => Path.Combine(dir, tool))
            .FirstOrDefault(File.Exists);

    /// <summary>Runs a program; stdout and stderr together in <see cref="Result.Output"/>.</summary>
    public static Result Run(string program, IEnumerable<string> arguments, TimeSpan limit, IDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        if (environment is not null)
        {
            info.Environment.Clear();
            foreach (var (key, value) in environment)
            {
                info.Environment[key] = value;
            }
        }

        if (workingDirectory is not null)
        {
            info.WorkingDirectory = workingDirectory;
        }

        using var process = Process.Start(info)!;
        var output = new System.Text.StringBuilder();
        void Collect(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is not null)
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                }
            }
        }

        process.OutputDataReceived += Collect;
        process.ErrorDataReceived += Collect;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // A hang guard sized for a loaded 2-core machine, not a timing assertion.
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            Xunit.Assert.Fail($"{program} {string.Join(' ', info.ArgumentList)} did not finish within {limit.TotalMinutes} min:\n{output}");
        }

        process.WaitForExit();
        lock (output)
        {
            return new Result(process.ExitCode, output.ToString());
        }
    }
}
