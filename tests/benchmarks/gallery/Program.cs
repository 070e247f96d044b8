using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using GhostRoll.Gallery.Tests.Support;
using GhostRoll.Pipeline;
using GhostRoll.TestSupport.Browser;
using Microsoft.Playwright;

// Gallery page benchmark, one run, side by side: GhostRoll's page, a PhotoSwipe 5 page (the usual integration: a
// thumbnail grid of links plus the lightbox modules) and a thumbsup 2 gallery, all over the same photos, served by
// the same loopback HTTP server (python3 -m http.server) to Debian's Chromium. Prints a Markdown report.
//   dotnet run -c Release --project tests/benchmarks/gallery -- PEERS_DIR [RUNS]
// PEERS_DIR holds node_modules with photoswipe@5 and thumbsup@2 (run.sh installs them).
var peers = args.Length > 0 ? Path.GetFullPath(args[0]) : throw new ArgumentException("usage: PEERS_DIR [RUNS]");
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
var site = Directory.CreateTempSubdirectory("ghostroll-gallery-bench-").FullName;
var report = new StringBuilder();

await using var small = TestSession.Create("shoot-2026-03-14_101500_000000");
await using var large = TestSession.Create("shoot-2026-03-14_111500_000000");
var photos = SampleMedia.Instance.Entries.Where(e => e.Kind == GalleryEntryKind.Photo).ToList();
var smallEntries = photos.Select(e => small.Add(e)).ToList();
await small.PublishAsync(smallEntries);
var start = new DateTime(2026, 3, 14, 11, 15, 0);
var largeEntries = Enumerable.Range(1, 1000).Select(i => large.Add(photos[i % 8], $"100BULK/IMG_{i:D4}", $"IMG_{i:D4}.JPG", start.AddSeconds(i))).ToList();
await large.PublishAsync(largeEntries);
Directory.CreateSymbolicLink(Path.Combine(site, "small"), small.Root);
Directory.CreateSymbolicLink(Path.Combine(site, "large"), large.Root);
WritePhotoSwipePage(Path.Combine(small.Root, "photoswipe.html"), smallEntries, peers);
WritePhotoSwipePage(Path.Combine(large.Root, "photoswipe.html"), largeEntries, peers);
var thumbsup = BuildThumbsup(site, photos, peers);

var port = FreePort();
using var server = Process.Start(new ProcessStartInfo("python3", ["-m", "http.server", "--bind", "127.0.0.1", port.ToString(CultureInfo.InvariantCulture)])
{
    WorkingDirectory = site, RedirectStandardError = true, RedirectStandardOutput = true,
})!;
server.ErrorDataReceived += (_, _) => { };
server.BeginErrorReadLine();
await WaitForPortAsync(port);
var origin = $"http://127.0.0.1:{port}";

await using var chromium = await HeadlessChromium.LaunchAsync();
var pages = new List<(string Name, string Url, int Photos)>
{
    ("GhostRoll", $"{origin}/small/index.html", smallEntries.Count),
    ("PhotoSwipe 5.4.4", $"{origin}/small/photoswipe.html", smallEntries.Count),
};
if (thumbsup is not null)
{
    pages.Add(("thumbsup 2.18.0", $"{origin}/thumbsup/index.html", smallEntries.Count));
}

report.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores, load average before the run {File.ReadAllText("/proc/loadavg").Split(' ')[0]}, Chromium {chromium.Browser.Version}, {runs} cold loads per cell (median).");
report.AppendLine();
report.AppendLine($"### {smallEntries.Count} photos (the fixture cards), first screen");
report.AppendLine();
report.AppendLine("| page | profile | page weight without images | requests (non-image) | image bytes, first screen | time to first tile |");
report.AppendLine("|---|---|---:|---:|---:|---:|");
foreach (var (name, url, _) in pages)
{
    foreach (var profile in Profiles())
    {
        var m = await MeasureLoadAsync(chromium, url, profile, runs);
        report.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {profile.Name} | {m.PageBytes / 1024.0:F1} KB | {m.PageRequests} | {m.ImageBytes / 1024.0:F0} KB | {m.FirstTileMs:F0} ms |");
    }
}

report.AppendLine();
report.AppendLine("### 1,000 photos, phone profile (4x CPU slowdown), scrolled to the end");
report.AppendLine();
report.AppendLine("| page | time to first tile | DOM elements after load | JS heap after load | frames while scrolling: median / p95 / worst | frames over 50 ms |");
report.AppendLine("|---|---:|---:|---:|---:|---:|");
foreach (var (name, url) in new[] { ("GhostRoll", $"{origin}/large/index.html"), ("PhotoSwipe 5.4.4", $"{origin}/large/photoswipe.html") })
{
    var m = await MeasureScrollAsync(chromium, url);
    report.AppendLine(CultureInfo.InvariantCulture,
        $"| {name} | {m.FirstTileMs:F0} ms | {m.Elements} | {m.HeapBytes / 1e6:F1} MB | {m.Median:F0} / {m.P95:F0} / {m.Worst:F0} ms | {m.Slow} of {m.Frames} |");
}

Console.WriteLine(report);
server.Kill();
return 0;

static IEnumerable<Profile> Profiles() =>
[
    new("desktop, loopback", DeviceProfile.Desktop, CpuSlowdown: 1, Network: null),
    // Chrome DevTools' "Slow 4G" preset: 150 ms latency, 1.6 Mbit/s down, 750 kbit/s up; phones are ~4x slower.
    new("phone, slow 4G", DeviceProfile.Phone, CpuSlowdown: 4, Network: (150, 1.6e6 / 8, 750e3 / 8)),
];

static async Task<LoadMetrics> MeasureLoadAsync(HeadlessChromium chromium, string url, Profile profile, int runs)
{
    var samples = new List<LoadMetrics>();
    for (var i = 0; i < runs; i++)
    {
        await using var session = await chromium.NewSessionAsync(profile.Device);
        await Throttle(session, profile.CpuSlowdown, profile.Network);
        await session.Page.AddInitScriptAsync(Probes.FirstTile);
        var requests = new List<IRequest>();
        session.Page.RequestFinished += (_, r) => { lock (requests) { requests.Add(r); } };
        await session.Page.GotoAsync(url, new() { WaitUntil = WaitUntilState.Load, Timeout = 120_000 });
        var first = await session.Page.WaitForFunctionAsync("() => window.__firstTile", null, new() { Timeout = 120_000 });
        await session.Page.WaitForLoadStateAsync(LoadState.NetworkIdle, new() { Timeout = 120_000 });
        long page = 0, images = 0;
        var pageRequests = 0;
        List<IRequest> finished;
        lock (requests)
        {
            finished = [.. requests];
        }

        foreach (var r in finished)
        {
            var sizes = await r.SizesAsync();
            if (r.ResourceType == "image")
            {
                images += sizes.ResponseBodySize;
            }
            else
            {
                page += sizes.ResponseBodySize;
                pageRequests++;
            }
        }

        samples.Add(new LoadMetrics(page, pageRequests, images, await first.JsonValueAsync<double>()));
    }

    return new LoadMetrics(
        Median(samples.Select(s => (double)s.PageBytes)) is var p ? (long)p : 0,
        samples[0].PageRequests,
        (long)Median(samples.Select(s => (double)s.ImageBytes)),
        Median(samples.Select(s => s.FirstTileMs)));
}

static async Task<ScrollMetrics> MeasureScrollAsync(HeadlessChromium chromium, string url)
{
    await using var session = await chromium.NewSessionAsync(DeviceProfile.Phone);
    await Throttle(session, 4, null);
    await session.Page.AddInitScriptAsync(Probes.FirstTile);
    await session.Page.GotoAsync(url, new() { WaitUntil = WaitUntilState.Load, Timeout = 120_000 });
    var first = await (await session.Page.WaitForFunctionAsync("() => window.__firstTile", null, new() { Timeout = 120_000 })).JsonValueAsync<double>();
    await session.Page.WaitForLoadStateAsync(LoadState.NetworkIdle, new() { Timeout = 120_000 });
    var elements = await session.Page.EvaluateAsync<int>("() => document.getElementsByTagName('*').length");
    var heap = await session.Page.EvaluateAsync<double>("() => performance.memory.usedJSHeapSize");
    // A fast fling: 400 px per frame until the end of the page (a chunked page grows as it goes), frame gaps recorded.
    var gaps = await session.Page.EvaluateAsync<double[]>(@"() => new Promise(done => {
        const gaps = []; let last = performance.now(), still = 0;
        const step = (t) => {
          gaps.push(t - last); last = t;
          const before = scrollY; scrollBy(0, 400);
          still = scrollY === before ? still + 1 : 0;
          if (still > 30 || gaps.length > 3000) done(gaps.slice(1)); else requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      })");
    Array.Sort(gaps);
    return new ScrollMetrics(first, elements, heap, gaps[gaps.Length / 2], gaps[(int)(gaps.Length * 0.95)], gaps[^1], gaps.Count(g => g > 50), gaps.Length);
}

static async Task Throttle(BrowserSession session, double cpu, (double LatencyMs, double Down, double Up)? network)
{
    var devTools = await session.DevToolsAsync();
    await devTools.SendAsync("Emulation.setCPUThrottlingRate", new Dictionary<string, object> { ["rate"] = cpu });
    if (network is { } n)
    {
        await devTools.SendAsync("Network.enable");
        await devTools.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = false, ["latency"] = n.LatencyMs, ["downloadThroughput"] = n.Down, ["uploadThroughput"] = n.Up,
        });
    }
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}



// The PhotoSwipe integration its documentation shows: links to the big image with its size, thumbnails inside,
// lightbox module loaded from the page, core loaded on first open. Grid CSS kept minimal and fair (lazy thumbnails,
// aspect ratio known, srcset like GhostRoll's).
static void WritePhotoSwipePage(string path, IReadOnlyList<GalleryEntry> entries, string peers)
{
    var root = Path.GetDirectoryName(path)!;
    var vendor = Path.Combine(root, "vendor");
    Directory.CreateDirectory(vendor);
    foreach (var file in new[] { "photoswipe.css", "photoswipe-lightbox.esm.min.js", "photoswipe.esm.min.js" })
    {
        File.Copy(Path.Combine(peers, "node_modules", "photoswipe", "dist", file), Path.Combine(vendor, file), overwrite: true);
    }

    var html = new StringBuilder();
    html.Append("<!doctype html><html><head><meta charset=utf-8><meta name=viewport content=\"width=device-width, initial-scale=1\"><title>PhotoSwipe</title>")
        .Append("<link rel=stylesheet href=vendor/photoswipe.css><style>body{margin:0;font-family:sans-serif}#g{display:grid;grid-template-columns:repeat(auto-fill,minmax(160px,1fr));gap:4px;padding:4px}")
        .Append("#g a{display:block;aspect-ratio:3/2;overflow:hidden}#g img{width:100%;height:100%;object-fit:cover;display:block}</style></head><body><h1>Photos</h1><div id=g>");
    foreach (var e in entries)
    {
        var share = e.Share!;
        var thumb = e.Thumb!;
        html.Append(CultureInfo.InvariantCulture, $"<a href=\"{share.Path}\" data-pswp-width={share.Width} data-pswp-height={share.Height}>")
            .Append(CultureInfo.InvariantCulture, $"<img loading=lazy src=\"{thumb.Path}\" srcset=\"{thumb.Path} {thumb.Width}w, {share.Path} {share.Width}w\" sizes=\"(max-width: 600px) 50vw, 240px\" alt=\"{WebUtility.HtmlEncode(e.Name)}\"></a>");
    }

    html.Append("</div><script type=module>import PhotoSwipeLightbox from './vendor/photoswipe-lightbox.esm.min.js';")
        .Append("new PhotoSwipeLightbox({gallery:'#g',children:'a',pswpModule:()=>import('./vendor/photoswipe.esm.min.js')}).init();</script></body></html>");
    File.WriteAllText(path, html.ToString());
}

// thumbsup builds its own derivatives from the originals (GraphicsMagick); the cards' originals are linked in.
static string? BuildThumbsup(string site, IReadOnlyList<GalleryEntry> photos, string peers)
{
    var cli = Path.Combine(peers, "node_modules", ".bin", "thumbsup");
    if (!File.Exists(cli))
    {
        Console.Error.WriteLine("thumbsup not installed: its rows are left out");
        return null;
    }

    var input = Path.Combine(site, "thumbsup-input");
    Directory.CreateDirectory(input);
    foreach (var file in GhostRoll.TestSupport.Fixtures.AllFiles("basic").Concat(GhostRoll.TestSupport.Fixtures.AllFiles("orientation").Take(2)))
    {
        var link = Path.Combine(input, Path.GetFileName(file));
        if (!File.Exists(link) && file.EndsWith("jpg", StringComparison.OrdinalIgnoreCase))
        {
            File.CreateSymbolicLink(link, file);
        }
    }

    var output = Path.Combine(site, "thumbsup");
    var run = Process.Start(new ProcessStartInfo(cli, ["--input", input, "--output", output, "--theme", "mosaic", "--no-usage-stats", "--log", "info"])
    {
        RedirectStandardOutput = true, RedirectStandardError = true,
    })!;
    var stderr = run.StandardError.ReadToEndAsync();
    run.StandardOutput.ReadToEnd();
    run.WaitForExit();
    if (run.ExitCode != 0 || !File.Exists(Path.Combine(output, "index.html")))
    {
        Console.Error.WriteLine($"thumbsup failed ({run.ExitCode}): {stderr.Result}");
        return null;
    }

    return output;
}

static int FreePort()
{
    using var probe = new TcpListener(IPAddress.Loopback, 0);
    probe.Start();
    return ((IPEndPoint)probe.LocalEndpoint).Port;
}

static async Task WaitForPortAsync(int port)
{
    for (var i = 0; i < 100; i++)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return;
        }
        catch (SocketException)
        {
            await Task.Delay(100);
        }
    }

    throw new InvalidOperationException("the static server did not start");
}

internal sealed record Profile(string Name, DeviceProfile Device, double CpuSlowdown, (double LatencyMs, double Down, double Up)? Network);

internal sealed record LoadMetrics(long PageBytes, int PageRequests, long ImageBytes, double FirstTileMs);

internal sealed record ScrollMetrics(double FirstTileMs, int Elements, double HeapBytes, double Median, double P95, double Worst, int Slow, int Frames);

internal static class Probes
{
    // Time from navigation start until the first photo (an <img> at least 40 px wide) is decoded on screen.
    public const string FirstTile = @"
  (() => {
    const check = () => {
      for (const i of document.images) {
        const r = i.getBoundingClientRect();
        if (i.complete && i.naturalWidth > 0 && r.width >= 40 && r.bottom > 0 && r.top < innerHeight) { window.__firstTile = performance.now(); return; }
      }
      requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  })();";
}
