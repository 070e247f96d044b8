using System.Diagnostics;

namespace GhostRoll.TestSupport;

/// <summary>
/// Starts the real <c>ghostroll-links</c> program (the build output beside the tests: a test project using it references
/// lambda/GhostRoll.Links) with a private environment.
/// </summary>
public static class LinksProcess
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "ghostroll-links.dll");

    public static Process Start(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment) =>
        LambdaProgram.Start("ghostroll-links", arguments, environment);

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
