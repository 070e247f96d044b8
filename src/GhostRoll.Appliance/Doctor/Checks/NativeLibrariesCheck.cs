using System.Runtime.InteropServices;
using GhostRoll.Configuration;
using GhostRoll.Doctor;

namespace GhostRoll.Appliance.Doctor.Checks;

/// <summary>A native library GhostRoll loads, by versioned soname, with the Debian package that provides it.</summary>
/// <param name="Required">Missing required libraries stop imports (FAIL); optional ones switch a feature off (WARN).</param>
public sealed record NativeLibrary(string Soname, string Package, string Purpose, bool Required);

/// <summary>Every native library the binary needs can be loaded (the Native AOT binary links none of them statically).</summary>
public sealed class NativeLibrariesCheck : SyncDoctorCheck
{
    private readonly IReadOnlyList<NativeLibrary> _libraries;

    public NativeLibrariesCheck(IReadOnlyList<NativeLibrary> libraries) => _libraries = libraries;

    /// <summary>
    /// Every library in the shared soname list (src/Shared/Interop/Unix/Interop.Libraries.cs, which also gives the
    /// Debian package), with what it is for here; .ci/deps/apt-runtime.txt and the package's Depends name the same.
    /// </summary>
    public static IReadOnlyList<NativeLibrary> For(GhostRollSettings settings) =>
        [.. Libraries.All.Select(l => Describe(l.Soname, l.Package, settings))];

    private static NativeLibrary Describe(string soname, string package, GhostRollSettings settings) => soname switch
    {
        Libraries.Libc => new(soname, package, "every part of ghostroll", Required: true),
        Libraries.Sqlite => new(soname, package, "the import journal", Required: true),
        Libraries.TurboJpeg or Libraries.Jpeg => new(soname, package, "share images and thumbnails", Required: true),
        Libraries.Lcms => new(soname, package, "colours of Adobe RGB and other tagged photos", Required: true),
        // .NET's SHA-256, which checks every copy, is OpenSSL's (loaded at run time, not linked into the binary).
        Libraries.Ssl => new(soname, package, "verifying copies (SHA-256)", Required: true),
        Libraries.Libcrypt => new(soname, package, "the dashboard password", Required: false),
        Libraries.Heif => new(soname, package, "HEIC photos", Required: false),
        Libraries.Webp => new(soname, package, settings.Webp ? "WebP gallery images (WEBP=true)" : "WebP gallery images (off)", Required: false),
        Libraries.FreeType => new(soname, package, "text on the status screen", Required: false),
        _ => throw new InvalidOperationException($"{soname} is in Libraries.All but the doctor does not know what it is for"),
    };

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

            var message = $"{library.Soname} not found: {library.Purpose} {(library.Required ? "cannot work" : "is switched off")}";
            var advice = $"Install it: sudo apt-get install {library.Package}";
            results.Add(library.Required ? DoctorResult.Fail(Name, message, advice) : DoctorResult.Warn(Name, message, advice));
        }

        if (loaded.Count > 0)
        {
            results.Insert(0, DoctorResult.Ok(Name, string.Join(", ", loaded)));
        }

        return results;
    }
}
