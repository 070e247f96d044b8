using GhostRoll.Lan;
using GhostRoll.Sessions;
using GhostRoll.TestSupport;
using Xunit;

namespace GhostRoll.Core.Tests.Lan;

/// <summary>The LAN link: an unguessable token per session, its served symlink, revocation, and the URL.</summary>
public sealed class LanLinkTests : IDisposable
{
    private readonly TempDirectory _temp = new("lan");

    [Fact]
    public void Tokens_are_22_base64url_characters_and_none_repeats_or_shares_a_prefix_with_another()
    {
        var tokens = Enumerable.Range(0, 2000).Select(_ => LanToken.New()).ToList();

        Assert.All(tokens, t => Assert.Matches("^[A-Za-z0-9_-]{22}$", t));
        Assert.All(tokens, t => Assert.True(LanToken.IsWellFormed(t)));
        Assert.Equal(tokens.Count, tokens.Distinct(StringComparer.Ordinal).Count());
        // Independent draws: no 8-character prefix (48 bits) is shared, which a counter or a time-based token would do.
        Assert.Equal(tokens.Count, tokens.Select(t => t[..8]).Distinct(StringComparer.Ordinal).Count());
        // Every position uses the whole alphabet over 2000 tokens (a fixed or low-entropy part would not).
        for (var i = 0; i < 21; i++)
        {
            Assert.True(tokens.Select(t => t[i]).Distinct().Count() > 50, $"position {i}");
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("../../../../etc/passwd")]
    [InlineData("GNoS6TFcZIiQlNHbGvbyN")]
    [InlineData("GNoS6TFcZIiQlNHbGvbyNg=")]
    [InlineData("GNoS6TFcZIiQlNHbGvb/Ng")]
    public void Anything_but_a_token_is_refused(string text)
    {
        Assert.False(LanToken.IsWellFormed(text));
        Assert.Throws<ArgumentException>(() => LanAddress.Url("192.168.1.2", 80, text));
    }

    [Fact]
    public void The_url_is_the_address_and_the_token_with_the_port_only_when_it_is_not_80()
    {
        Assert.Equal("http://192.168.1.20/GNoS6TFcZIiQlNHbGvbyNg/", LanAddress.Url("192.168.1.20", 80, "GNoS6TFcZIiQlNHbGvbyNg"));
        Assert.Equal("http://10.0.0.5:8080/GNoS6TFcZIiQlNHbGvbyNg/", LanAddress.Url("10.0.0.5", 8080, "GNoS6TFcZIiQlNHbGvbyNg"));
    }

    [Fact]
    public void The_default_route_interface_is_read_from_the_kernel_route_table()
    {
        string[] table =
        [
            "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT",
            "eth0\t0000A8C0\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0",
            "wlan0\t00000000\t0100A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0",
            "eth0\t00000000\t0101A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0",
        ];

        Assert.Equal("eth0", LanAddress.DefaultRouteInterface(table));
        Assert.Null(LanAddress.DefaultRouteInterface(table.Take(2)));
    }

    [Fact]
    public void Serving_keeps_the_token_revoking_removes_link_and_token_and_the_next_share_gets_a_new_one()
    {
        var sessions = _temp.Combine("sessions");
        var layout = new SessionLayout(sessions, "shoot-2026-12-07_101500_000001");
        Directory.CreateDirectory(layout.Root);
        var galleries = new LanGalleries(sessions);

        var token = galleries.Serve(layout);
        var link = Path.Combine(galleries.ServedRoot, token);

        Assert.Equal(token, galleries.Serve(layout)); // stable across runs
        Assert.Equal(Path.Combine("..", layout.SessionId), new FileInfo(link).LinkTarget);
        Assert.Equal(token, LanGalleries.TokenOf(layout));

        Assert.True(galleries.Revoke(layout));
        Assert.False(File.Exists(link) || new FileInfo(link).LinkTarget is not null);
        Assert.Null(LanGalleries.TokenOf(layout));
        Assert.False(galleries.Revoke(layout));

        var renewed = galleries.Serve(layout);
        Assert.NotEqual(token, renewed);
        Assert.NotNull(new FileInfo(Path.Combine(galleries.ServedRoot, renewed)).LinkTarget);
    }

    [Fact]
    public void A_session_of_an_older_release_without_a_token_gets_one_when_first_served()
    {
        var sessions = _temp.Combine("old");
        var layout = new SessionLayout(sessions, "shoot-2025-01-01_000000_000000");
        Directory.CreateDirectory(layout.Root);

        Assert.Null(LanGalleries.TokenOf(layout)); // nothing to migrate: the token lives beside the session
        Assert.True(LanToken.IsWellFormed(new LanGalleries(sessions).Serve(layout)));
    }

    public void Dispose() => _temp.Dispose();
}
