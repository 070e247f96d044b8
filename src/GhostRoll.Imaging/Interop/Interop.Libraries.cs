namespace GhostRoll.Imaging.Interop;

/// <summary>
/// Native libraries of the imaging library, by versioned soname (Debian 12 / Raspberry Pi OS bookworm packages).
/// Short names ("turbojpeg", "webp") only resolve when a -dev package is installed, which the appliance never has.
/// </summary>
internal static class Libraries
{
    /// <summary>libjpeg-turbo's TurboJPEG API 2.1.5 (Debian libturbojpeg0).</summary>
    internal const string TurboJpeg = "libturbojpeg.so.0";

    /// <summary>
    /// The same libjpeg-turbo 2.1.5 through its libjpeg API (Debian libjpeg62-turbo): the encoder, because only that
    /// API takes a custom progressive scan script (<see cref="Codecs.JpegEncoder"/>).
    /// </summary>
    internal const string Jpeg = "libjpeg.so.62";

    /// <summary>libheif 1.15 with the libde265 HEVC decoder built in (Debian libheif1).</summary>
    internal const string Heif = "libheif.so.1";

    /// <summary>libwebp 1.2.4 (Debian libwebp7).</summary>
    internal const string Webp = "libwebp.so.7";

    /// <summary>Little CMS 2.14 (Debian liblcms2-2): ICC colour conversion to sRGB.</summary>
    internal const string Lcms = "liblcms2.so.2";

    /// <summary>glibc: anonymous mmap for pixel buffers.</summary>
    internal const string Libc = "libc.so.6";
}
