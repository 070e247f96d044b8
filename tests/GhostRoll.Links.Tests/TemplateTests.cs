using System.Diagnostics;
using GhostRoll.TestSupport;

namespace GhostRoll.Links.Tests;

/// <summary>lambda/template.yaml, checked offline with cfn-lint (installed by .ci/install-deps test) and read for least privilege.</summary>
public sealed class TemplateTests
{
    private static string Template => Path.Combine(Fixtures.RepoRoot, "lambda", "template.yaml");

    [Fact]
    public async Task The_template_passes_cfn_lint()
    {
        var (exit, output) = await CfnLintAsync(Template);
        Assert.True(exit == 0, $"cfn-lint found problems in lambda/template.yaml (exit {exit}):\n{output}");
    }

    [Theory]
    [InlineData("Runtime: provided.al2023", "Runtime: provided.al2099", "E3030")]       // no such runtime
    [InlineData("Resource: !Sub \"${LogGroup.Arn}:*\"", "Resource: !Sub \"${LogGrup.Arn}:*\"", "E1019")] // dangling reference
    [InlineData("Architectures: [arm64]", "Architectures: [sparc]", "E3030")]
    public async Task Cfn_lint_rejects_a_broken_copy(string original, string broken, string rule)
    {
        var text = await File.ReadAllTextAsync(Template, TestContext.Current.CancellationToken);
        Assert.Contains(original, text, StringComparison.Ordinal);
        using var temp = new TempDirectory();
        var copy = Path.Combine(temp.Path, "template.yaml");
        await File.WriteAllTextAsync(copy, text.Replace(original, broken, StringComparison.Ordinal), TestContext.Current.CancellationToken);
        var (exit, output) = await CfnLintAsync(copy);
        Assert.True(exit != 0 && output.Contains(rule, StringComparison.Ordinal), $"cfn-lint accepted a broken template (exit {exit}, wanted {rule}):\n{output}");
    }

    [Fact]
    public async Task The_role_may_only_read_link_records_and_sessions_and_write_its_logs()
    {
        var text = await File.ReadAllTextAsync(Template, TestContext.Current.CancellationToken);
        var actions = text.Split('\n').Select(l => l.Trim().TrimStart('-').Trim())
            .Where(l => l.StartsWith("s3:", StringComparison.Ordinal) || l.StartsWith("Action: s3", StringComparison.Ordinal)
                        || l.StartsWith("logs:", StringComparison.Ordinal) || l.StartsWith("kms:", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(["Action: s3:GetObject", "logs:CreateLogStream", "logs:PutLogEvents"], actions);
        Assert.Contains("arn:${AWS::Partition}:s3:::${BucketName}/links/*", text, StringComparison.Ordinal);
        Assert.Contains("arn:${AWS::Partition}:s3:::${BucketName}/${SessionsPrefix}*", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ManagedPolicyArns", text, StringComparison.Ordinal);
        Assert.DoesNotContain("s3:*", text, StringComparison.Ordinal);
        Assert.Contains("AuthType: NONE", text, StringComparison.Ordinal);
        Assert.Contains("RetentionInDays: !Ref LogRetentionDays", text, StringComparison.Ordinal);
        Assert.Contains("Handler: bootstrap", text, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output)> CfnLintAsync(string template)
    {
        var info = new ProcessStartInfo(FindCfnLint())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(template);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start cfn-lint");
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await stdout + await stderr);
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
