using System.Diagnostics;
using GhostRoll.Appliance.Web;
using GhostRoll.TestSupport;
using Xunit;

namespace GhostRoll.Appliance.Tests.Web;

/// <summary>
/// The dashboard password hash and the generated nginx configuration, each checked by an independent tool: OpenSSL
/// computes the same SHA-512 crypt, and <c>nginx -t</c> accepts the configuration (the LAN tests in
/// GhostRoll.Integration.Tests serve through it).
/// </summary>
public sealed class NginxConfigTests : IDisposable
{
    private readonly TempDirectory _temp = new("nginx-config");

    [Fact]
    public void The_password_hash_is_sha512_crypt_as_openssl_computes_it_and_never_the_password()
    {
        var line = DashboardPassword.FileText("correct horse battery");
        var hash = line.Trim()["ghostroll:".Length..];
        var salt = hash.Split('$')[2];

        Assert.StartsWith("ghostroll:$6$", line, StringComparison.Ordinal);
        Assert.DoesNotContain("correct horse", line, StringComparison.Ordinal);
        Assert.Equal(16, salt.Length);
        Assert.Equal(hash, Run("openssl", "passwd", "-6", "-salt", salt, "correct horse battery"));
        Assert.NotEqual(hash, DashboardPassword.Hash("correct horse battery")); // a fresh salt every time
    }

    [Theory]
    [InlineData("short")]
    [InlineData("tab\there1")]
    public void Weak_or_odd_passwords_are_refused(string password) =>
        Assert.NotNull(GhostRoll.Appliance.Setup.SettingsFileText.Validate("GHOSTROLL_DASHBOARD_PASSWORD", password));

    [Fact]
    public void Nginx_accepts_the_configuration_with_and_without_a_password_and_galleries_off()
    {
        foreach (var (name, password, galleries) in new[] { ("locked", (string?)null, true), ("open", "/dev/null", true), ("no-galleries", "/dev/null", false) })
        {
            var run = _temp.Combine(name);
            Directory.CreateDirectory(run);
            var config = new NginxConfig
            {
                RunDir = run, ServedRoot = _temp.Combine("sessions", ".lan"), StatusJson = _temp.Combine("status.json"),
                SessionsJson = _temp.Combine("sessions.json"), PasswordFilePath = password, Port = 18080, ServeGalleries = galleries,
            };
            var text = config.Render();
            File.WriteAllText(Path.Combine(run, "nginx.conf"), text);

            Assert.Contains("access_log off;", text, StringComparison.Ordinal);
            Assert.DoesNotContain("originals", text, StringComparison.Ordinal);
            Assert.Equal(galleries, text.Contains("{22}", StringComparison.Ordinal));
            Assert.Equal(password is not null, text.Contains("auth_basic_user_file", StringComparison.Ordinal));
            Assert.Equal(password is not null, text.Contains("limit_req zone=dashboard", StringComparison.Ordinal));
            var check = Process.Start(new ProcessStartInfo("nginx", ["-t", "-q", "-c", Path.Combine(run, "nginx.conf"), "-e", "stderr"]) { RedirectStandardError = true })!;
            var errors = check.StandardError.ReadToEnd();
            check.WaitForExit();
            Assert.True(check.ExitCode == 0, $"{name}: {errors}");
        }
    }

    private static string Run(string program, params string[] arguments)
    {
        var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return output;
    }

    public void Dispose() => _temp.Dispose();
}
