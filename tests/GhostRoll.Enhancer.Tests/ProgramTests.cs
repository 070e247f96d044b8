using GhostRoll.Enhancer.Tests.Support;
using GhostRoll.Imaging.Enhancing;
using GhostRoll.Lambda.TestSupport;
using GhostRoll.TestSupport;

namespace GhostRoll.Enhancer.Tests;

/// <summary>The ghostroll-enhancer program itself: Lambda mode from its environment, --enhance, --help, bad start-ups.</summary>
public sealed class ProgramTests(SwiftFixture swift)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_program_serves_the_runtime_api_from_its_environment()
    {
        var bucket = await EnhancerBucket.CreateAsync(await swift.GetAsync());
        var source = await Jpeg.ShareImageAsync("basic", "DCIM/100NCD90/DSC_0003.JPG");
        var key = $"{bucket.Prefix}share/100NCD90/DSC_0003.jpg";
        var etag = await bucket.PutAsync(key, source);
        await using var api = await FakeRuntimeApi.StartAsync();
        using var process = EnhancerProcess.Start([], new Dictionary<string, string>(bucket.Environment) { ["AWS_LAMBDA_RUNTIME_API"] = api.Endpoint });
        var stdout = process.StandardOutput.ReadToEndAsync(Token);
        try
        {
            var answer = await api.Invoke(EnhancerBucket.SqsEvent(("m-1", bucket.ObjectCreated(key, etag)), ("m-2", "not json"))).WaitAsync(Deadline, Token);
            Assert.Equal("response", answer.Kind);
            Assert.Equal("""{"batchItemFailures":[{"itemIdentifier":"m-2"}]}""", answer.Text);
            var enhanced = await bucket.GetAsync($"{bucket.Prefix}enhanced/100NCD90/DSC_0003.jpg");
            Assert.NotNull(enhanced);
            await Jpeg.MeasureAsync(enhanced);
            var head = await bucket.HeadAsync($"{bucket.Prefix}enhanced/100NCD90/DSC_0003.jpg");
            // The recipe in the metadata is the one the enhancer chose, and replaying it gives the very same bytes.
            var recipe = EnhanceRecipe.FromJson(head!.Value.Metadata[EnhancerFunction.RecipeMetadata]);
            Assert.Equal(PhotoEnhancer.Enhance(source).Recipe, recipe);
            Assert.False(recipe.IsNeutral);
            Assert.Equal(enhanced, PhotoEnhancer.Enhance(source, recipe).Jpeg);

            var broken = await api.Invoke("[]"u8.ToArray()).WaitAsync(Deadline, Token);
            Assert.Equal("error", broken.Kind);
        }
        finally
        {
            process.Kill();
            await process.WaitForExitAsync(Token);
        }

        // Its log says what happened to each message, and never carries a signature or a credential.
        var log = await stdout;
        Assert.Contains("m-1", log, StringComparison.Ordinal);
        Assert.Contains("m-2", log, StringComparison.Ordinal);
        Assert.DoesNotContain("X-Amz-Signature", log, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(bucket.Environment["AWS_SECRET_ACCESS_KEY"], log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_bucket_the_program_reports_an_init_error()
    {
        await using var api = await FakeRuntimeApi.StartAsync();
        using var process = EnhancerProcess.Start([], new Dictionary<string, string> { ["AWS_LAMBDA_RUNTIME_API"] = api.Endpoint });
        var init = await api.InitError.Task.WaitAsync(Deadline, Token);
        Assert.Equal("SettingsException", init.ErrorTypeHeader);
        Assert.Contains("GHOSTROLL_S3_BUCKET", init.Text, StringComparison.Ordinal);
        await process.WaitForExitAsync(Token).WaitAsync(Deadline, Token);
        Assert.Equal(1, process.ExitCode);
    }

    [Fact]
    public async Task Enhance_writes_one_file_and_help_and_bad_arguments_say_how_to_use_it()
    {
        using var dir = new TempDirectory();
        var input = Path.Combine(dir.Path, "in.jpg");
        var output = Path.Combine(dir.Path, "out.jpg");
        await File.WriteAllBytesAsync(input, await Jpeg.ShareImageAsync("basic", "DCIM/100NCD90/DSC_0003.JPG"), Token);
        var (exit, stdout, _) = await RunAsync(["--enhance", input, output]);
        Assert.Equal(0, exit);
        Assert.Contains("enhanced, recipe {\"version\":1", stdout, StringComparison.Ordinal);
        Assert.True((await Jpeg.MeasureAsync(await File.ReadAllBytesAsync(output, Token))).MeanLuma > (await Jpeg.MeasureAsync(await File.ReadAllBytesAsync(input, Token))).MeanLuma);

        await File.WriteAllTextAsync(input, "not a picture", Token);
        Assert.Equal(1, (await RunAsync(["--enhance", input, output])).Exit);

        var help = await RunAsync(["--help"]);
        Assert.Equal(0, help.Exit);
        Assert.Contains("AWS_LAMBDA_RUNTIME_API", help.Stdout, StringComparison.Ordinal);
        var nothing = await RunAsync([]);
        Assert.Equal(2, nothing.Exit);
        Assert.Contains("nothing to do", nothing.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, (await RunAsync(["--frobnicate"])).Exit);
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(IReadOnlyList<string> arguments)
    {
        using var process = EnhancerProcess.Start(arguments, new Dictionary<string, string>());
        var stdout = process.StandardOutput.ReadToEndAsync(Token);
        var stderr = process.StandardError.ReadToEndAsync(Token);
        await process.WaitForExitAsync(Token).WaitAsync(Deadline, Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
