namespace GhostRoll.Interop;

/// <summary>
/// Every native library GhostRoll loads, by versioned soname, with the Debian package that provides it. Short names
/// such as "sqlite3" only resolve when a -dev package happens to be installed, which the appliance image never has.
/// Compiled into each assembly that binds one (src/Shared/Interop/Unix); the doctor's library check, the package's
/// Depends and docs/environment.md are checked against <see cref="All"/>.
/// </summary>
internal static class Libraries
{
    /// <summary>glibc (Debian 12 and Raspberry Pi OS bookworm ship 2.36).</summary>
    internal const string Libc = "libc.so.6";

    /// <summary>libxcrypt (Debian libcrypt1, Essential: present on every system): SHA-512 crypt for the dashboard password.</summary>
    internal const string Libcrypt = "libcrypt.so.1";

    /// <summary>System SQLite (Debian libsqlite3-0, 3.40 on bookworm).</summary>
    internal const string Sqlite = "libsqlite3.so.0";

    /// <summary>libjpeg-turbo's TurboJPEG API 2.1.5 (Debian libturbojpeg0).</summary>
    internal const string TurboJpeg = "libturbojpeg.so.0";

    /// <summary>
    /// The same libjpeg-turbo 2.1.5 through its libjpeg API (Debian libjpeg62-turbo): the encoder, because only that
    /// API takes a custom progressive scan script.
    /// </summary>
    internal const string Jpeg = "libjpeg.so.62";

    /// <summary>libheif 1.15 with the libde265 HEVC decoder built in (Debian libheif1).</summary>
    internal const string Heif = "libheif.so.1";

    /// <summary>libwebp 1.2.4 (Debian libwebp7).</summary>
    internal const string Webp = "libwebp.so.7";

    /// <summary>Little CMS 2.14 (Debian liblcms2-2): ICC colour conversion to sRGB.</summary>
    internal const string Lcms = "liblcms2.so.2";

    /// <summary>FreeType 2 (Debian libfreetype6; 2.12 on bookworm and Raspberry Pi OS bookworm).</summary>
    internal const string FreeType = "libfreetype.so.6";

    /// <summary>
    /// OpenSSL 3 (Debian libssl3): not bound by our code but loaded by .NET's System.Security.Cryptography at run time
    /// for the SHA-256 that verifies every copy, so the doctor checks it like the others.
    /// </summary>
    internal const string Ssl = "libssl.so.3";

    /// <summary>Each soname above with its Debian package, in the order the doctor reports them.</summary>
    internal static readonly (string Soname, string Package)[] All =
    [
        (Libc, "libc6"),
        (Sqlite, "libsqlite3-0"),
        (TurboJpeg, "libturbojpeg0"),
        (Jpeg, "libjpeg62-turbo"),
        (Lcms, "liblcms2-2"),
        (Ssl, "libssl3"),
        (Libcrypt, "libcrypt1"),
        (Heif, "libheif1"),
        (Webp, "libwebp7"),
        (FreeType, "libfreetype6"),
    ];

    /// <summary>The Debian package that provides <paramref name="soname"/>.</summary>
    internal static string PackageOf(string soname)
    {
        foreach (var (name, package) in All)
        {
            if (name == soname)
            {
                return package;
            }
        }

        throw new ArgumentException($"{soname} is not in Libraries.All", nameof(soname));
    }
}
