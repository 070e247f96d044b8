namespace GhostRoll.Links.Tests;

/// <summary>What the service will and will not read and sign, decided before any bucket access.</summary>
public sealed class RoutingTests
{
    private const string Code = "ABCDEFGHIJKLMNOPQRST";
    private const string Prefix = "sessions/shoot-1/";

    [Theory]
    [InlineData("/" + Code, Code, null)]
    [InlineData("/abcdefghijklmnopqrst", Code, null)] // base32 is case-insensitive; codes are stored upper case
    [InlineData("/" + Code + "/manifest.json", Code, "manifest.json")]
    [InlineData("/", null, null)]
    [InlineData("/" + Code + "/", null, null)]
    [InlineData("/" + Code + "/index.html", null, null)]
    [InlineData("/ABCDEFGHIJKLMNOPQRS1", null, null)] // 1 is not in the alphabet
    [InlineData("/ABCDEFGHIJKLMNOPQRS", null, null)]
    [InlineData("/links/" + Code + ".json", null, null)]
    public void Paths_map_to_a_code_and_a_route_or_to_nothing(string path, string? code, string? route) =>
        Assert.Equal((code, route), LinkService.ParsePath(path));

    [Theory]
    [InlineData("http://127.0.0.1:9000/bkt/sessions/shoot-1/share/IMG_0001.jpg?X-Amz-Signature=x", "sessions/shoot-1/share/IMG_0001.jpg")]
    [InlineData("https://bkt.s3.eu-west-1.amazonaws.com/sessions/shoot-1/share/IMG%200001.jpg", "sessions/shoot-1/share/IMG 0001.jpg")]
    [InlineData("https://s3.example.com/bkt/sessions/shoot-1/thumb/%C3%A9t%C3%A9.jpg", "sessions/shoot-1/thumb/été.jpg")]
    [InlineData("http://127.0.0.1:9000/bkt/sessions/shoot-2/share/IMG_0001.jpg", null)] // another session
    [InlineData("http://127.0.0.1:9000/bkt/links/" + Code + ".json", null)]
    [InlineData("http://127.0.0.1:9000/bkt/sessions/shoot-1/../../links/x.json", null)]
    [InlineData("http://127.0.0.1:9000/bkt/sessions/shoot-1/%2e%2e/shoot-2/x.jpg", null)]
    [InlineData("http://127.0.0.1:9000/bkt/sessions/shoot-1//x.jpg", null)]
    [InlineData("http://127.0.0.1:9000/bkt/sessions/shoot-1/", null)]
    [InlineData("http://127.0.0.1:9000/other/sessions/shoot-1/x.jpg", null)]
    [InlineData("https://other.s3.amazonaws.com/sessions/shoot-1/x.jpg", null)]
    [InlineData("file:///bkt/sessions/shoot-1/x.jpg", null)]
    [InlineData("share/IMG_0001.jpg", null)]
    public void Only_keys_inside_the_session_prefix_are_signed(string url, string? key) =>
        Assert.Equal(key, LinkService.KeyOf(url, "bkt", Prefix));
}
