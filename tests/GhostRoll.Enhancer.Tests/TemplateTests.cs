using GhostRoll.TestSupport;

namespace GhostRoll.Enhancer.Tests;

/// <summary>The enhancer's part of lambda/template.yaml: cfn-lint, and a role that grants exactly what the function uses.</summary>
public sealed class TemplateTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Task<string> TextAsync() => File.ReadAllTextAsync(CloudFormation.Template, Token);

    private static string Resource(string text, string logicalId) => string.Join('\n', CloudFormation.Resource(text, logicalId));

    [Fact]
    public async Task The_template_passes_cfn_lint()
    {
        var (exit, output) = await CloudFormation.CfnLintAsync(CloudFormation.Template, Token);
        Assert.True(exit == 0, $"cfn-lint found problems in lambda/template.yaml (exit {exit}):\n{output}");
    }

    [Theory]
    [InlineData("Queue: !GetAtt EnhancerQueue.Arn", "Queue: !GetAtt EnhancerQueu.Arn", "E1010")]                                   // dangling reference
    [InlineData("deadLetterTargetArn: !GetAtt EnhancerDeadLetterQueue.Arn", "deadLetterTargetArn: !GetAtt EnhancerDeadLetterQueue.Arm", "E1010")]
    [InlineData("VisibilityTimeout: 360", "VisibilityTimeout: 360000", "E3034")]                                                      // over SQS's 12 h
    [InlineData("Threshold: 0", "Threshold: none", "E3012")]
    public async Task Cfn_lint_rejects_a_broken_copy(string original, string broken, string rule)
    {
        var text = await TextAsync();
        Assert.Contains(original, text, StringComparison.Ordinal);
        using var temp = new TempDirectory();
        var copy = Path.Combine(temp.Path, "template.yaml");
        await File.WriteAllTextAsync(copy, text.Replace(original, broken, StringComparison.Ordinal), Token);
        var (exit, output) = await CloudFormation.CfnLintAsync(copy, Token);
        Assert.True(exit != 0 && output.Contains(rule, StringComparison.Ordinal), $"cfn-lint accepted a broken template (exit {exit}, wanted {rule}):\n{output}");
    }

    [Fact]
    public async Task The_enhancer_role_grants_only_share_reads_enhanced_reads_and_writes_its_queue_and_its_logs()
    {
        var text = await TextAsync();
        var role = CloudFormation.Resource(text, "EnhancerRole");
        Assert.Equal(
            ["sts:AssumeRole", "s3:GetObject", "s3:GetObject", "s3:PutObject", "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "logs:CreateLogStream", "logs:PutLogEvents"],
            CloudFormation.Actions(role));

        // Every Resource line of the role, in order: nothing else is reachable.
        Assert.Equal(
            [
                "Resource: !Sub \"arn:${AWS::Partition}:s3:::${BucketName}/${SessionsPrefix}*/share/*\"",
                "Resource: !Sub \"arn:${AWS::Partition}:s3:::${BucketName}/${SessionsPrefix}*/enhanced/*\"",
                "Resource: !GetAtt EnhancerQueue.Arn",
                "Resource: !Sub \"${EnhancerLogGroup.Arn}:*\"",
            ],
            role.Select(l => l.Trim()).Where(l => l.StartsWith("Resource", StringComparison.Ordinal)));

        // Which action goes with which resource: reads only on share images, the one write only on enhanced images.
        var statements = string.Join('\n', role).Split("- Sid: ")[1..].ToDictionary(s => s[..s.IndexOf('\n', StringComparison.Ordinal)].Trim(), s => s);
        Assert.Equal(["ReadShareImages", "ReadAndWriteEnhancedImages", "ConsumeOwnQueue", "WriteOwnLogs"], statements.Keys);
        Assert.Equal(["s3:GetObject"], CloudFormation.Actions(statements["ReadShareImages"].Split('\n')));
        Assert.Contains("/share/*", statements["ReadShareImages"], StringComparison.Ordinal);
        Assert.Equal(["s3:GetObject", "s3:PutObject"], CloudFormation.Actions(statements["ReadAndWriteEnhancedImages"].Split('\n')));
        Assert.Contains("/enhanced/*", statements["ReadAndWriteEnhancedImages"], StringComparison.Ordinal);
        foreach (var statement in statements.Values)
        {
            Assert.Contains("Effect: Allow", statement, StringComparison.Ordinal);
            Assert.DoesNotContain("NotAction", statement, StringComparison.Ordinal);
            Assert.DoesNotContain("NotResource", statement, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("ManagedPolicyArns", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Policies:", Resource(text, "EnhancerFunction"), StringComparison.Ordinal); // no SAM policy templates on top
        Assert.Contains("Role: !GetAtt EnhancerRole.Arn", Resource(text, "EnhancerFunction"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_queue_rule_and_event_source_are_wired_as_documented()
    {
        var text = await TextAsync();
        var function = Resource(text, "EnhancerFunction");
        foreach (var line in new[] { "Runtime: provided.al2023", "Architectures: [arm64]", "Handler: bootstrap", "Timeout: 60", "CodeUri: ../artifacts/lambda/enhancer.zip",
                     "Type: SQS", "Queue: !GetAtt EnhancerQueue.Arn", "FunctionResponseTypes: [ReportBatchItemFailures]", "BatchSize: 10" })
        {
            Assert.Contains(line, function, StringComparison.Ordinal);
        }

        var queue = Resource(text, "EnhancerQueue");
        var visibility = int.Parse(queue.Split('\n').Single(l => l.Trim().StartsWith("VisibilityTimeout:", StringComparison.Ordinal)).Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(visibility >= 6 * 60, $"visibility timeout {visibility} s is below 6x the function timeout");
        Assert.Contains("maxReceiveCount: 5", queue, StringComparison.Ordinal);
        Assert.Contains("deadLetterTargetArn: !GetAtt EnhancerDeadLetterQueue.Arn", queue, StringComparison.Ordinal);

        var rule = Resource(text, "ShareImageCreatedRule");
        Assert.Contains("source: [aws.s3]", rule, StringComparison.Ordinal);
        Assert.Contains("detail-type: [Object Created]", rule, StringComparison.Ordinal);
        Assert.Contains("name: [!Ref BucketName]", rule, StringComparison.Ordinal);
        Assert.Contains("- wildcard: !Sub \"${SessionsPrefix}*/share/*.jpg\"", rule, StringComparison.Ordinal);
        Assert.Contains("Arn: !GetAtt EnhancerQueue.Arn", rule, StringComparison.Ordinal);

        var policy = Resource(text, "EnhancerQueuePolicy");
        Assert.Contains("Service: events.amazonaws.com", policy, StringComparison.Ordinal);
        Assert.Contains("aws:SourceArn: !GetAtt ShareImageCreatedRule.Arn", policy, StringComparison.Ordinal);
        Assert.Equal(["sqs:SendMessage"], CloudFormation.Actions(CloudFormation.Resource(text, "EnhancerQueuePolicy")));

        var alarm = Resource(text, "EnhancerDeadLetterAlarm");
        Assert.Contains("Value: !GetAtt EnhancerDeadLetterQueue.QueueName", alarm, StringComparison.Ordinal);
        Assert.Contains("MetricName: ApproximateNumberOfMessagesVisible", alarm, StringComparison.Ordinal);
        Assert.Contains("RetentionInDays: !Ref LogRetentionDays", Resource(text, "EnhancerLogGroup"), StringComparison.Ordinal);
    }
}
