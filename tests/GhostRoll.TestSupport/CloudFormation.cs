using System.Diagnostics;

namespace GhostRoll.TestSupport;

/// <summary>
/// lambda/template.yaml for the tests of the functions it deploys: cfn-lint (installed by .ci/install-deps test) and
/// a plain reading of one resource's lines, enough to check a role's policy without a YAML parser for CloudFormation's
/// short-form tags.
/// </summary>
public static class CloudFormation
{
    public static string Template => Path.Combine(Fixtures.RepoRoot, "lambda", "template.yaml");

    /// <summary>The lines of one top-level resource (two-space indent), from its logical id to the next one.</summary>
    public static IReadOnlyList<string> Resource(string templateText, string logicalId)
    {
        var lines = templateText.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var start = lines.FindIndex(l => l == $"  {logicalId}:");
        if (start < 0)
        {
            throw new InvalidOperationException($"no resource {logicalId} in the template");
        }

        var end = lines.FindIndex(start + 1, l => l.Length > 2 && l.StartsWith("  ", StringComparison.Ordinal) && l[2] != ' ' && l[2] != '#' || l.Length > 0 && l[0] != ' ' && l[0] != '#');
        return lines[start..(end < 0 ? lines.Count : end)];
    }

    /// <summary>Every IAM action named in the lines (<c>Action: x</c> and list items <c>- service:Action</c>), in order.</summary>
    public static List<string> Actions(IEnumerable<string> lines) => [.. lines
        .Select(l => l.Trim().TrimStart('-').Trim())
        .Select(l => l.StartsWith("Action:", StringComparison.Ordinal) ? l["Action:".Length..].Trim() : l)
        .Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, "^[a-z0-9-]+:[A-Za-z*]+$"))];

    /// <summary>Runs cfn-lint on a template file: its exit code and everything it printed.</summary>
    public static async Task<(int Exit, string Output)> CfnLintAsync(string template, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(FindCfnLint())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(template);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start cfn-lint");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return (process.ExitCode, await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false));
    }

    private static string FindCfnLint()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Append("/root/.pyenv/shims")
            .Select(d => Path.Combine(d, "cfn-lint"))
            .FirstOrDefault(File.Exists);
        return onPath ?? throw new InvalidOperationException("cfn-lint is not installed: run '.ci/install-deps test' (pip install cfn-lint==1.51.0)");
    }
}
