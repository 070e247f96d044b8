using System.Diagnostics;

namespace GhostRoll.TestSupport;

/// <summary>Real mounts for tests that need one (a small tmpfs: a full disk, a mounted card). Needs root; CI runs as root.</summary>
public static class Mounts
{
    /// <summary>Mounts a tmpfs of <paramref name="size"/> (mount(8) syntax: 3m) on <paramref name="path"/>; false without the right to.</summary>
    public static bool TryMountTmpfs(string path, string size = "1m") => Run("mount", "-t", "tmpfs", "-o", $"size={size}", "tmpfs", path);

    /// <summary>Changes the size of a tmpfs mounted by <see cref="TryMountTmpfs"/>; tmpfs keeps its files.</summary>
    public static bool Resize(string path, string size) => Run("mount", "-o", $"remount,size={size}", path);

    public static bool Unmount(string path) => Run("umount", path);

    private static bool Run(string command, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(command, args) { RedirectStandardError = true, UseShellExecute = false })!;
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0;
    }
}
