using GhostRoll.Logging;
using GhostRoll.TestSupport;
using Microsoft.Extensions.Logging;

namespace GhostRoll.Core.Tests.Logging;

public sealed class LoggingTests
{
    private const string Presigned =
        "https://bucket.s3.amazonaws.com/sessions/shoot-x/index.html?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAEXAMPLE%2F20261121%2Fus-east-1%2Fs3%2Faws4_request" +
        "&X-Amz-Date=20261121T000000Z&X-Amz-Expires=604500&X-Amz-SignedHeaders=host&X-Amz-Security-Token=IQoJb3JpZ2luX2VjEXAMPLE&X-Amz-Signature=0123456789abcdef";

    [Fact]
    public void Presigned_signatures_credentials_and_tokens_never_reach_a_log()
    {
        var redacted = LogRedactor.Redact("Share URL: " + Presigned + " aws_secret_access_key = wJalrXUtnFEMI/K7MDENG");

        Assert.DoesNotContain("0123456789abcdef", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("AKIAEXAMPLE", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("IQoJb3JpZ2luX2VjEXAMPLE", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("wJalrXUtnFEMI", redacted, StringComparison.Ordinal);
        Assert.Contains("sessions/shoot-x/index.html", redacted, StringComparison.Ordinal); // still recognisable
        Assert.Contains("X-Amz-Expires=604500", redacted, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Share link ready: HTTPS://G.EXAMPLE.COM/ABCDEFGHIJKLMNOPQRST")]
    [InlineData("S3 write of links/ABCDEFGHIJKLMNOPQRST.json failed: 403 AccessDenied")]
    [InlineData("link \"http://127.0.0.1:8080/ABCDEFGHIJKLMNOPQRST\" answered 410")]
    public void Short_link_codes_never_reach_a_log(string line)
    {
        var redacted = LogRedactor.Redact(line);

        Assert.DoesNotContain("EFGHIJKLMNOPQRST", redacted, StringComparison.Ordinal);
        Assert.Contains("ABCD" + LogRedactor.Mask, redacted, StringComparison.Ordinal); // still matchable to its link
    }

    [Fact]
    public void Paths_and_words_that_only_look_like_codes_are_kept()
    {
        const string Line = "copied /media/AUTO-IMPORT/DCIM/100CANON/IMG_0001.JPG to sessions/shoot-2020-02-18_085553_000000/ (ABCDEFGHIJKLMNOPQRST)";
        Assert.Equal(Line, LogRedactor.Redact(Line));
    }

    [Fact]
    public void Under_systemd_lines_carry_syslog_priorities_and_the_session_log_gets_them_too()
    {
        using var temp = new TempDirectory("log");
        var console = new StringWriter();
        using var provider = new GhostRollLoggerProvider(LogLevel.Information, console, journald: true);
        var logger = provider.CreateLogger("GhostRoll.Test");
        provider.AttachSessionLog(temp.Combine("ghostroll.log"));

        logger.LogInformation("copied {Count} files", 3);
        logger.LogWarning("link {Url}", Presigned);
        logger.LogDebug("not shown at info");
        provider.DetachSessionLog();

        var lines = console.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("<6>copied 3 files", lines[0]);
        Assert.StartsWith("<4>link https://", lines[1], StringComparison.Ordinal);
        Assert.Equal(2, lines.Length);
        var file = File.ReadAllText(temp.Combine("ghostroll.log"));
        Assert.Contains("INFO  [Test] copied 3 files", file, StringComparison.Ordinal);
        Assert.DoesNotContain("0123456789abcdef", file + console, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_systemd_lines_are_plain_and_timestamped()
    {
        var console = new StringWriter();
        using var provider = new GhostRollLoggerProvider(LogLevel.Information, console, journald: false);
        provider.CreateLogger("x").LogError("disk full");
        Assert.Matches(@"^\d\d:\d\d:\d\d ERROR disk full", console.ToString());
    }
}
