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

    public static string Binary => Path.Combine(AppContext.BaseDirectory, "ghostroll");

    public Process Start(params string[] args)
    {
        var info = new ProcessStartInfo(Binary, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (k, v) in Environment)
        {
            info.Environment[k] = v;
        }

        info.Environment.Remove("JOURNAL_STREAM");
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
