using System.Diagnostics;

namespace GhostRoll.TestSupport;

/// <summary>
/// Starts the real <c>ghostroll-links</c> program (the build output beside the tests: a test project using it references
/// lambda/GhostRoll.Links) with a private environment.
/// </summary>
public static class LinksProcess
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "ghostroll-links.dll");

    public static Process Start(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Dll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // Nothing of this machine's own settings or AWS configuration leaks in.
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("GHOSTROLL_", StringComparison.Ordinal) || k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(name);
        }

        info.Environment["GHOSTROLL_CONFIG"] = "/dev/null";
        info.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        info.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        info.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        return Process.Start(info) ?? throw new InvalidOperationException("could not start ghostroll-links");
    }

    /// <summary>
    /// <c>ghostroll-links --listen 127.0.0.1:0</c>: returns the process and the base URL it printed ("listening on
    /// http://127.0.0.1:PORT"), waiting up to 60 s (a loaded 2-core machine) and saying what it saw if it gives up.
    /// </summary>
    public static async Task<(Process Process, string BaseUrl)> ListenAsync(IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var process = Start(["--listen", "127.0.0.1:0"], environment);
        var lines = new List<string>();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(deadline.Token).ConfigureAwait(false) is { } line)
            {
                lines.Add(line);
                if (line.StartsWith("listening on ", StringComparison.Ordinal))
                {
                    return (process, line["listening on ".Length..].TrimEnd('/'));
                }
            }

            throw new InvalidOperationException($"ghostroll-links exited before listening: {await process.StandardError.ReadToEndAsync(cancellationToken).ConfigureAwait(false)}");
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException)
        {
            process.Kill();
            process.Dispose();
            throw new InvalidOperationException($"ghostroll-links did not say 'listening on' within 60 s; stdout: {string.Join(" | ", lines)}", e);
        }
    }
}
