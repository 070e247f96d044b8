using System.Diagnostics;
using SkiaSharp;

// What an appliance built on SkiaSharp would do per photo, done the fastest way SkiaSharp offers: the codec's
// DCT-scaled JPEG decode to the smallest size still at least the share size, the EXIF orientation applied to that
// small image, a cubic (Catmull-Rom) resize to the share size (Skia has no Lanczos), the share JPEG at q90, and the
// thumbnail resized from the share pixels at q85. Usage: ghostroll-skia-peer OUT_DIR FILE...
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: ghostroll-skia-peer OUT_DIR FILE...");
    return 2;
}

var outDir = args[0];
Directory.CreateDirectory(outDir);
var sampling = new SKSamplingOptions(SKCubicResampler.CatmullRom);
var clock = Stopwatch.StartNew();
foreach (var file in args[1..])
{
    using var codec = SKCodec.Create(file) ?? throw new InvalidDataException($"{file}: not an image SkiaSharp decodes");
    var full = codec.Info;
    var longEdge = Math.Max(full.Width, full.Height);
    var scale = Math.Min(1f, 2048f / longEdge);
    var decodeSize = codec.GetScaledDimensions(scale);
    // GetScaledDimensions rounds to the DCT scales libjpeg-turbo offers; never decode below the share size.
    if (Math.Max(decodeSize.Width, decodeSize.Height) < Math.Min(2048, longEdge))
    {
        decodeSize = new SKSizeI(full.Width, full.Height);
    }

    var info = new SKImageInfo(decodeSize.Width, decodeSize.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
    using var decoded = new SKBitmap(info);
    var result = codec.GetPixels(info, decoded.GetPixels());
    if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
    {
        throw new InvalidDataException($"{file}: decode failed ({result})");
    }

    using var upright = Orient(decoded, codec.EncodedOrigin);
    var stem = Path.GetFileNameWithoutExtension(file);
    using var share = Resize(upright, 2048, sampling);
    Save(share, Path.Combine(outDir, stem + "_share.jpg"), 90);
    using var thumb = Resize(share, 512, sampling);
    Save(thumb, Path.Combine(outDir, stem + "_thumb.jpg"), 85);
}

Console.WriteLine($"images={args.Length - 1} seconds={clock.Elapsed.TotalSeconds:0.000}");
return 0;

static SKBitmap Resize(SKBitmap source, int longEdge, SKSamplingOptions sampling)
{
    var factor = Math.Min(1.0, (double)longEdge / Math.Max(source.Width, source.Height));
    var info = new SKImageInfo(Math.Max(1, (int)Math.Round(source.Width * factor)), Math.Max(1, (int)Math.Round(source.Height * factor)),
        SKColorType.Rgba8888, SKAlphaType.Premul);
    return source.Resize(info, sampling) ?? throw new InvalidOperationException("resize failed");
}

static void Save(SKBitmap bitmap, string path, int quality)
{
    using var image = SKImage.FromBitmap(bitmap);
    using var data = image.Encode(SKEncodedImageFormat.Jpeg, quality);
    using var stream = File.Create(path);
    data.SaveTo(stream);
}

static SKBitmap Orient(SKBitmap source, SKEncodedOrigin origin)
{
    var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
    var result = new SKBitmap(swap ? source.Height : source.Width, swap ? source.Width : source.Height, source.ColorType, source.AlphaType);
    using var canvas = new SKCanvas(result);
    var w = result.Width;
    var h = result.Height;
    switch (origin)
    {
        case SKEncodedOrigin.BottomRight: canvas.Translate(w, h); canvas.RotateDegrees(180); break;
        case SKEncodedOrigin.RightTop: canvas.Translate(w, 0); canvas.RotateDegrees(90); break;
        case SKEncodedOrigin.LeftBottom: canvas.Translate(0, h); canvas.RotateDegrees(270); break;
        case SKEncodedOrigin.TopRight: canvas.Translate(w, 0); canvas.Scale(-1, 1); break;
        case SKEncodedOrigin.BottomLeft: canvas.Translate(0, h); canvas.Scale(1, -1); break;
        case SKEncodedOrigin.LeftTop: canvas.RotateDegrees(90); canvas.Scale(1, -1); break;
        case SKEncodedOrigin.RightBottom: canvas.Translate(w, h); canvas.RotateDegrees(90); canvas.Scale(-1, 1); canvas.Translate(-h, 0); break;
        default: break;
    }

    using var image = SKImage.FromBitmap(source);
    canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest));
    return result;
}
