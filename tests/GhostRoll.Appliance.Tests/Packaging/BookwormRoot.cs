using System.Security.Cryptography;
using System.Text;
using GhostRoll.TestSupport;

namespace GhostRoll.Appliance.Tests.Packaging;

/// <summary>
/// A clean Debian bookworm amd64 root (mmdebstrap --variant=minbase from deb.debian.org) to install a package into
/// with apt, as on a freshly flashed system. The root is made once and cached as a tarball (like tests/vm caches its
/// base image), keyed by the packages it must be able to install: the tarball keeps apt's package lists and the
/// downloaded, not installed, .debs of those packages, so each run's `apt-get install ./ghostroll_*.deb` resolves
/// Depends for real, from the archive's lists, but offline and fast. Each test unpacks a private copy.
/// Commands run in it through chroot inside a private mount namespace (unshare -m): its /proc and /dev mounts
/// vanish with the command, nothing is left mounted on the host. No systemd runs there, as in an image build.
/// </summary>
internal sealed class BookwormRoot : IDisposable
{
    private static readonly string CacheDir = Environment.GetEnvironmentVariable("GRTEST_DEB_CACHE") is { Length: > 0 } dir ? dir : "/var/tmp/ghostroll-deb-cache";
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(20);

    private BookwormRoot(string path) => Path = path;

    public string Path { get; }

    /// <summary>A path inside the root, e.g. <c>At("etc/passwd")</c>.</summary>
    public string At(string relative) => System.IO.Path.Combine(Path, relative);

    /// <summary>Unpacks a private copy of the cached root (building the cache first if needed).</summary>
    public static BookwormRoot Create(IReadOnlyCollection<string> packages)
    {
        var tarball = Cached(packages);
        var path = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(tarball)!, "run-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(path);
        var root = new BookwormRoot(path);
        var untar = Tools.Run("tar", ["-xf", tarball, "-C", path], Limit);
        if (untar.ExitCode != 0)
        {
            root.Dispose();
            Xunit.Assert.Fail($"unpacking {tarball} failed:\n{untar.Output}");
        }

        return root;
    }

    /// <summary>Runs a shell script in the root as root, with a plain environment (nothing of the test host's).</summary>
    public Tools.Result Run(string script)
    {
        var environment = new Dictionary<string, string>
        {
            ["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            ["HOME"] = "/root",
            ["LC_ALL"] = "C.UTF-8",
            ["DEBIAN_FRONTEND"] = "noninteractive",
        };
        const string enter = "mount -t proc proc \"$0/proc\" && mount --rbind /dev \"$0/dev\" && exec chroot \"$0\" /bin/sh -c \"$1\"";
        return Tools.Run("unshare", ["--mount", "--propagation", "private", "--fork", "/bin/sh", "-c", enter, Path, script], Limit, environment);
    }

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("GRTEST_KEEP_TEMP") == "1")
        {
            return;
        }

        // --one-file-system: never follow into a mount, should one have outlived its namespace.
        Tools.Run("rm", ["-rf", "--one-file-system", Path], Limit);
    }

    private static string Cached(IReadOnlyCollection<string> packages)
    {
        var wanted = packages.Order(StringComparer.Ordinal).ToList();
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("bookworm amd64 minbase v1 " + string.Join(' ', wanted))))[..16];
        var tarball = System.IO.Path.Combine(CacheDir, $"bookworm-amd64-{key}.tar");
        Directory.CreateDirectory(CacheDir);
        if (File.Exists(tarball))
        {
            return tarball;
        }

        foreach (var stale in Directory.GetFiles(CacheDir, "bookworm-amd64-*.tar"))
        {
            File.Delete(stale);
        }

        // The packages are downloaded into the root's apt cache, not installed: the test's apt-get installs them.
        // A private partial name, renamed when complete: a run that dies halfway leaves no half tarball behind.
        var partial = $"{tarball}.{Guid.NewGuid():N}.partial";
        var download = "chroot \"$1\" apt-get install --download-only -y -q --no-install-recommends " + string.Join(' ', wanted);
        var result = Tools.Run("mmdebstrap",
            ["--variant=minbase", "--arch=amd64", "--format=tar", "--skip=cleanup/apt/lists,cleanup/apt/cache", "--customize-hook=" + download,
             "bookworm", partial, "http://deb.debian.org/debian"],
            Limit);
        if (result.ExitCode != 0)
        {
            File.Delete(partial);
            Xunit.Assert.Fail($"mmdebstrap (bookworm minbase) failed:\n{result.Output}");
        }

        File.Move(partial, tarball, overwrite: true);
        return tarball;
    }
}
