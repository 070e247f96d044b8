using System.Runtime.InteropServices;

namespace GhostRoll.Imaging.Interop;

/// <summary>Little CMS 2 (lcms2.h): converts wide-gamut pixels (Adobe RGB, Display P3, ...) to sRGB.</summary>
internal static unsafe partial class Lcms
{
    /// <summary>TYPE_RGBA_8 = COLORSPACE_SH(PT_RGB=4) | EXTRA_SH(1) | CHANNELS_SH(3) | BYTES_SH(1) (lcms2.h).</summary>
    internal const uint TYPE_RGBA_8 = (4 << 16) | (1 << 7) | (3 << 3) | 1;

    internal const uint INTENT_PERCEPTUAL = 0;

    /// <summary>cmsFLAGS_NOCACHE: no one-pixel cache, so one transform may run on several threads.</summary>
    internal const uint cmsFLAGS_NOCACHE = 0x0040;

    internal const uint cmsSigRgbData = 0x52474220; // 'RGB '
    internal const int cmsInfoDescription = 0;

    [StructLayout(LayoutKind.Sequential)]
    internal struct cmsCIExyY
    {
        public double x;
        public double y;
        public double Y;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct cmsCIExyYTRIPLE
    {
        public cmsCIExyY Red;
        public cmsCIExyY Green;
        public cmsCIExyY Blue;
    }

    [LibraryImport(Libraries.Lcms, EntryPoint = "cmsOpenProfileFromMem")]
    internal static partial IntPtr OpenProfileFromMem(byte* memory, uint size);

    [LibraryImport(Libraries.Lcms, EntryPoint = "cmsCreate_sRGBProfile")]
    internal static partial IntPtr CreateSrgbProfile();

    [LibraryImport(Libraries.Lcms, EntryPoint = "cmsCreateRGBProfile")]
    internal static partial IntPtr CreateRgbProfile(cmsCIExyY* whitePoint, cmsCIExyYTRIPLE* primaries, IntPtr* transferFunction);

    /// <summary>Parametric curve; type 4 is the IEC 61966-2-1 (sRGB) form, type 1 a pure gamma.</summary>
    [LibraryImport(Libraries.Lcms, EntryPoint = "cmsBuildParametricToneCurve")]
    internal static partial IntPtr BuildParametricToneCurve(IntPtr context, int type, double* parameters);

    [LibraryImport(Libraries.Lcms, EntryPoint = "cmsFreeToneCurve")]
    internal static partial void FreeToneCurve(IntPtr curve);

    [LibraryImport(Libraries.Lcms, EntryPoint = "cmsCloseProfile")]
    internal static partial int CloseProfile(IntPtr profile);

    [LibraryImport(Libraries.Lcms, EntryPoint = "cmsGetColorSpace")]
    internal static partial uint GetColorSpace(LcmsProfile profile);

    [LibraryImport(Libraries.Lcms, EntryPoint = "cmsGetProfileInfoASCII")]
    internal static partial uint GetProfileInfoAscii(LcmsProfile profile, int info, byte* languageCode, byte* countryCode, byte* buffer, uint bufferSize);

    [LibraryImport(Libraries.Lcms, EntryPoint = "cmsCreateTransform")]
    internal static partial IntPtr CreateTransform(LcmsProfile input, uint inputFormat, LcmsProfile output, uint outputFormat, uint intent, uint flags);

    [LibraryImport(Libraries.Lcms, EntryPoint = "cmsDeleteTransform")]
    internal static partial void DeleteTransform(IntPtr transform);

    [LibraryImport(Libraries.Lcms, EntryPoint = "cmsDoTransform")]
    internal static partial void DoTransform(LcmsTransform transform, byte* input, byte* output, uint pixelCount);
}

internal sealed class LcmsProfile : CountedHandle
{
    public LcmsProfile(IntPtr pointer) => Adopt(pointer);

    protected override void Free(IntPtr pointer) => _ = Lcms.CloseProfile(pointer);
}

internal sealed class LcmsTransform : CountedHandle
{
    public LcmsTransform(IntPtr pointer) => Adopt(pointer);

    protected override void Free(IntPtr pointer) => Lcms.DeleteTransform(pointer);
}
