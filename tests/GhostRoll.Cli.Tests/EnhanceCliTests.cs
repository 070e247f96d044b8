using GhostRoll.TestSupport;

namespace GhostRoll.Cli.Tests;

/// <summary>
/// Issue 16 from the command line: ENHANCE decides whether an import writes enhanced versions, and
/// <c>ghostroll enhance</c> makes, records and replays one.
/// </summary>
public sealed class EnhanceCliTests
{
    [Fact]
    public async Task An_import_writes_enhanced_versions_with_their_recipes_unless_enhance_is_off()
    {
        using var temp = new TempDirectory("cli-enhance");
        var local = new GhostRollProcess(temp.Combine("local"));
        var off = new GhostRollProcess(temp.Combine("off"));
        off.Environment["GHOSTROLL_ENHANCE"] = "off";

        var withEnhancer = await local.RunAsync("run", Fixtures.Card("orientation"));
        var without = await off.RunAsync("run", Fixtures.Card("orientation"));

        Assert.True(withEnhancer.ExitCode == 0, withEnhancer.Stderr);
        Assert.True(without.ExitCode == 0, without.Stderr);
        var session = Directory.EnumerateDirectories(temp.Combine("local", "sessions"), "shoot-*").Single();
        var shares = Directory.GetFiles(Path.Combine(session, "derived", "share"), "*.jpg", SearchOption.AllDirectories);
        Assert.Equal(18, shares.Length);
        foreach (var share in shares)
        {
            var enhanced = share.Replace("/derived/share/", "/derived/enhanced/", StringComparison.Ordinal);
            Assert.True(File.Exists(enhanced), enhanced);
            Assert.True(File.Exists(Path.ChangeExtension(enhanced, ".recipe.json")), enhanced);
        }

        var offSession = Directory.EnumerateDirectories(temp.Combine("off", "sessions"), "shoot-*").Single();
        Assert.Equal(18, Directory.GetFiles(Path.Combine(offSession, "derived", "share"), "*.jpg", SearchOption.AllDirectories).Length);
        Assert.False(Directory.Exists(Path.Combine(offSession, "derived", "enhanced")));
    }

    [Fact]
    public async Task An_import_with_enhance_lambda_leaves_the_enhanced_versions_to_the_cloud_function()
    {
        using var temp = new TempDirectory("cli-enhance");
        var ghostroll = new GhostRollProcess(temp.Path);
        ghostroll.Environment["GHOSTROLL_ENHANCE"] = "lambda";

        var run = await ghostroll.RunAsync("run", Fixtures.Card("orientation"));

        // The import itself is complete (every share image), but this machine enhances nothing: no picture, no recipe.
        Assert.True(run.ExitCode == 0, run.Stderr);
        var session = Directory.EnumerateDirectories(temp.Combine("sessions"), "shoot-*").Single();
        Assert.Equal(18, Directory.GetFiles(Path.Combine(session, "derived", "share"), "*.jpg", SearchOption.AllDirectories).Length);
        Assert.False(Directory.Exists(Path.Combine(session, "derived", "enhanced")));
        Assert.Empty(Directory.GetFiles(session, "*.recipe.json", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Enhance_writes_the_picture_and_its_recipe_and_the_recipe_replays_the_same_bytes()
    {
        using var temp = new TempDirectory("cli-enhance");
        var ghostroll = new GhostRollProcess(temp.Path);
        var photo = Fixtures.File("basic", "DCIM/100NCD90/DSC_0003.JPG");

        var first = await ghostroll.RunAsync("enhance", photo, temp.Combine("out", "a.jpg"));
        var replay = await ghostroll.RunAsync("enhance", photo, temp.Combine("out", "b.jpg"), "--recipe", temp.Combine("out", "a.recipe.json"));

        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Contains("enhanced", first.Stdout, StringComparison.Ordinal);
        Assert.Contains($"recipe: {temp.Combine("out", "a.recipe.json")}", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"version\": 1", File.ReadAllText(temp.Combine("out", "a.recipe.json")), StringComparison.Ordinal);
        Assert.True(replay.ExitCode == 0, replay.Stderr);
        Assert.Equal(File.ReadAllBytes(temp.Combine("out", "a.jpg")), File.ReadAllBytes(temp.Combine("out", "b.jpg")));
        Assert.Equal(File.ReadAllText(temp.Combine("out", "a.recipe.json")), File.ReadAllText(temp.Combine("out", "b.recipe.json")));

        // A tuned recipe changes the result.
        File.WriteAllText(temp.Combine("brighter.json"), """{ "exposure": 1 }""");
        var tuned = await ghostroll.RunAsync("enhance", photo, temp.Combine("out", "c.jpg"), "--recipe", temp.Combine("brighter.json"));
        Assert.True(tuned.ExitCode == 0, tuned.Stderr);
        Assert.NotEqual(File.ReadAllBytes(temp.Combine("out", "a.jpg")), File.ReadAllBytes(temp.Combine("out", "c.jpg")));
    }

    [Theory]
    [InlineData(1, "corrupt.jpg: the JPEG header declares no pixels", "corrupt.jpg", null)]
    [InlineData(1, "is not a JPEG", "notes.txt", null)]
    [InlineData(2, "exposure is 9, outside -1 to 2", "photo", """{ "exposure": 9 }""")]
    [InlineData(2, "not a valid enhancement recipe", "photo", "exposure=1")]
    public async Task Bad_input_or_recipe_exits_non_zero_with_one_clear_line(int exitCode, string message, string input, string? recipe)
    {
        using var temp = new TempDirectory("cli-enhance");
        File.WriteAllBytes(temp.Combine("corrupt.jpg"), [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. "JFIF\0"u8, .. new byte[4000]]);
        File.WriteAllText(temp.Combine("notes.txt"), "not a picture");
        var inputPath = input == "photo" ? Fixtures.File("basic", "DCIM/100NCD90/DSC_0003.JPG") : temp.Combine(input);
        string[] args = ["enhance", inputPath, temp.Combine("out.jpg")];
        if (recipe is not null)
        {
            File.WriteAllText(temp.Combine("recipe.json"), recipe);
            args = [.. args, "--recipe", temp.Combine("recipe.json")];
        }

        var result = await new GhostRollProcess(temp.Path).RunAsync(args);

        Assert.Equal(exitCode, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("ghostroll: ", StringComparison.Ordinal));
        Assert.Contains(message, line, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.Combine("out.jpg")));
    }
}
