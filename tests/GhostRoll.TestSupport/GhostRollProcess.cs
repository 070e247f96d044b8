using System.Diagnostics;

namespace GhostRoll.TestSupport;

/// <summary>Runs the real <c>ghostroll</c> binary (the apphost built next to the tests) as a separate process.</summary>
public sealed class GhostRollProcess
{
    public GhostRollProcess(string home)
    {
        Environment["HOME"] = home;
        Environment["GHOSTROLL_CONFIG"] = ""; // never pick up a machine-wide /etc/ghostroll/ghostroll.env
        Environment["GHOSTROLL_BASE_DIR"] = Path.Combine(home, "sessions");
        Environment["GHOSTROLL_DB_PATH"] = Path.Combine(home, "db", "ghostroll.db");
        Environment["GHOSTROLL_STATUS_PATH"] = Path.Combine(home, "status.json");
        Environment["GHOSTROLL_STATUS_IMAGE_PATH"] = Path.Combine(home, "status.png");
        Environment["GHOSTROLL_MIN_FREE_MB"] = "0";
    }

    public Dictionary<string, string> Environment { get; } = [];

    /// <summary>
    /// Publishes to <paramref name="bucket"/> on a loopback S3 server (its credentials, path-style addressing), through
    /// <paramref name="endpoint"/> when given (a proxy, or a name that does not resolve) instead of the server's own.
    /// </summary>
    public GhostRollProcess PublishingTo(S3.LoopbackS3Server s3, string bucket, string? endpoint = null)
    {
        ArgumentNullException.ThrowIfNull(s3);
        foreach (var (k, v) in s3.CredentialEnvironment)
        {
            Environment[k] = v;
        }

        Environment["GHOSTROLL_S3_BUCKET"] = bucket;
        Environment["GHOSTROLL_S3_ENDPOINT"] = endpoint ?? s3.Endpoint;
        Environment["GHOSTROLL_S3_FORCE_PATH_STYLE"] = "true";
        return this;
    }

    /// <summary>
    /// Runs the binary the way systemd runs a service whose stdout is the journal: JOURNAL_STREAM names the inode of
    /// the process's real stdout (here a pipe rather than journald's socket; ghostroll compares the inode only).
    /// </summary>
    public bool StdoutIsJournal { get; set; }

    /// <summary>
    /// The command that runs ghostroll: the apphost built next to the tests, or the words of
    /// <c>GRTEST_GHOSTROLL_COMMAND</c> (a test switch: the arm64 pass sets it to qemu-aarch64 plus the arm64 Native AOT
    /// binary, because qemu-user cannot follow an exec of an arm64 program by itself).
    /// </summary>
    public static IReadOnlyList<string> Command { get; } =
        System.Environment.GetEnvironmentVariable("GRTEST_GHOSTROLL_COMMAND") is { Length: > 0 } command
            ? command.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            : [Path.Combine(AppContext.BaseDirectory, "ghostroll")];

    public Process Start(params string[] args)
    {
        // Inside $(...) stdout is the substitution's pipe, so the real stdout is looked at through a copy on fd 3.
        const string AsJournal = "exec 3>&1; export JOURNAL_STREAM=0:$(stat -L -c %i /proc/self/fd/3); exec 3>&-; exec \"$0\" \"$@\"";
        string[] words = [.. Command, .. args];
        var info = StdoutIsJournal ? new ProcessStartInfo("/bin/sh", ["-c", AsJournal, .. words]) : new ProcessStartInfo(words[0], words[1..]);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        foreach (var (k, v) in Environment)
        {
            info.Environment[k] = v;
        }

        info.Environment.Remove("JOURNAL_STREAM"); // the test runner's own, if it runs under systemd
        return Process.Start(info)!;
    }

    public async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var process = Start(args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }
}
