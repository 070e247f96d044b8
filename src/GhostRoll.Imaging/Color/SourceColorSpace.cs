namespace GhostRoll.Imaging.Color;

/// <summary>Standard RGB spaces a camera or phone may declare without (or instead of) an ICC profile.</summary>
internal enum KnownRgbSpace
{
    Srgb,

    /// <summary>Adobe RGB (1998): DCF option files (EXIF InteropIndex "R03", ColorSpace uncalibrated).</summary>
    AdobeRgb,

    /// <summary>Display P3 (P3 primaries, D65, sRGB curve): HEIF nclx colour_primaries 12.</summary>
    DisplayP3,

    /// <summary>ITU-R BT.2020 primaries with an SDR (BT.709) curve: HEIF nclx colour_primaries 9.</summary>
    Bt2020,
}

/// <summary>What the source pixels are encoded in: an embedded ICC profile or a known space (null profile = sRGB).</summary>
internal sealed record SourceColorSpace(byte[]? IccProfile, KnownRgbSpace Known)
{
    public static readonly SourceColorSpace Srgb = new(null, KnownRgbSpace.Srgb);

    public bool IsSrgb => IccProfile is null && Known == KnownRgbSpace.Srgb;

    public string Describe() => IccProfile is not null ? "embedded ICC profile" : Known.ToString();
}
