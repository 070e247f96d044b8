using System.Runtime.InteropServices;
using GhostRoll.Configuration;

namespace GhostRoll.Appliance.Doctor.Checks;

/// <summary>A native library GhostRoll loads, by versioned soname, with the Debian package that provides it.</summary>
/// <param name="Required">Missing required libraries stop imports (FAIL); optional ones switch a feature off (WARN).</param>
public sealed record NativeLibrary(string Soname, string Package, string Purpose, bool Required);

/// <summary>Every native library the binary needs can be loaded (the Native AOT binary links none of them statically).</summary>
public sealed class NativeLibrariesCheck : SyncDoctorCheck
{
    private readonly IReadOnlyList<NativeLibrary> _libraries;

    public NativeLibrariesCheck(IReadOnlyList<NativeLibrary> libraries) => _libraries = libraries;

    /// <summary>The appliance's libraries (docs/environment.md, .ci/deps/apt-runtime.txt).</summary>
    public static IReadOnlyList<NativeLibrary> For(GhostRollSettings settings) =>
    [
        new("libsqlite3.so.0", "libsqlite3-0", "the import journal", Required: true),
        new("libturbojpeg.so.0", "libturbojpeg0", "share images and thumbnails", Required: true),
        new("libjpeg.so.62", "libjpeg62-turbo", "share images and thumbnails", Required: true),
        new("liblcms2.so.2", "liblcms2-2", "colours of Adobe RGB and other tagged photos", Required: true),
        // .NET's SHA-256, which checks every copy, is OpenSSL's (loaded at run time, not linked into the binary).
        new("libssl.so.3", "libssl3", "verifying copies (SHA-256)", Required: true),
        new("libheif.so.1", "libheif1", "HEIC photos", Required: false),
        new("libwebp.so.7", "libwebp7", settings.Webp ? "WebP gallery images (WEBP=true)" : "WebP gallery images (off)", Required: false),
        new("libfreetype.so.6", "libfreetype6", "text on the status screen", Required: false),
    ];

    public override string Name => "libraries";

    protected override IReadOnlyList<DoctorResult> Run()
    {
        var results = new List<DoctorResult>();
        var loaded = new List<string>();
        foreach (var library in _libraries)
        {
            if (System.Runtime.InteropServices.NativeLibrary.TryLoad(library.Soname, out var handle))
            {
                System.Runtime.InteropServices.NativeLibrary.Free(handle);
                loaded.Add(library.Soname);
                continue;
            }

            var message = $"{library.Soname} not found: {library.Purpose} {(library.Required ? "cannot work" : "is switched off")}. Install it: sudo apt-get install {library.Package}";
            results.Add(library.Required ? DoctorResult.Fail(Name, message) : DoctorResult.Warn(Name, message));
        }

        if (loaded.Count > 0)
        {
            results.Insert(0, DoctorResult.Ok(Name, string.Join(", ", loaded)));
        }

        return results;
    }
}
