using GhostRoll.TestSupport;

namespace GhostRoll.Links.Tests;

/// <summary>lambda/template.yaml, checked offline with cfn-lint (installed by .ci/install-deps test) and read for least privilege.</summary>
public sealed class TemplateTests
{
    private static string Template => CloudFormation.Template;

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
        var role = CloudFormation.Resource(text, "Role");
        Assert.Equal(["sts:AssumeRole", "s3:GetObject", "logs:CreateLogStream", "logs:PutLogEvents"], CloudFormation.Actions(role));
        var roleText = string.Join('\n', role);
        Assert.Contains("arn:${AWS::Partition}:s3:::${BucketName}/links/*", roleText, StringComparison.Ordinal);
        Assert.Contains("arn:${AWS::Partition}:s3:::${BucketName}/${SessionsPrefix}*", roleText, StringComparison.Ordinal);
        Assert.Contains("Role: !GetAtt Role.Arn", string.Join('\n', CloudFormation.Resource(text, "Function")), StringComparison.Ordinal);
        Assert.DoesNotContain("ManagedPolicyArns", text, StringComparison.Ordinal);
        Assert.DoesNotContain("s3:*", text, StringComparison.Ordinal);
        Assert.Contains("AuthType: NONE", text, StringComparison.Ordinal);
        Assert.Contains("RetentionInDays: !Ref LogRetentionDays", text, StringComparison.Ordinal);
        Assert.Contains("Handler: bootstrap", text, StringComparison.Ordinal);
    }

    private static Task<(int Exit, string Output)> CfnLintAsync(string template) =>
        CloudFormation.CfnLintAsync(template, TestContext.Current.CancellationToken);
}
