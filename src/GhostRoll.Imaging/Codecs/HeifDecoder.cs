using System.Buffers.Binary;
using GhostRoll.Imaging.Color;
using GhostRoll.Imaging.Interop;
using GhostRoll.Imaging.Metadata;
using GhostRoll.Imaging.Pixels;

namespace GhostRoll.Imaging.Codecs;

/// <summary>
/// HEIC/HEIF/HIF stills through libheif. Orientation: libheif applies the container's transformations
/// (irot/imir, ISO/IEC 23008-12 §6.5.10-12) while decoding, and HEIF says those are authoritative, so the EXIF
/// Orientation tag of a HEIF file is reported but never applied: a picture is turned exactly once.
/// </summary>
internal sealed unsafe class HeifDecoder : IDisposable
{
    private readonly HeifContextHandle _context;
    private readonly HeifImageHandle _primary;

    private HeifDecoder(HeifContextHandle context, HeifImageHandle primary)
    {
        _context = context;
        _primary = primary;
    }

    static HeifDecoder()
    {
        // heif_init is reference-counted and optional in 1.15; calling it once registers the built-in decoders.
        _ = Heif.Init(IntPtr.Zero);
    }

    /// <summary>Displayed size (after the container's rotation), as declared before any pixel is decoded.</summary>
    public int Width => Heif.ImageHandleGetWidth(_primary);

    public int Height => Heif.ImageHandleGetHeight(_primary);

    /// <summary>Opens the primary image. <paramref name="data"/> must stay alive until this object is disposed.</summary>
    public static HeifDecoder Open(byte* data, long length, long maxPixels)
    {
        var context = HeifContextHandle.Create();
        HeifImageHandle? primary = null;
        try
        {
            // libheif's own guard against absurd sizes in a corrupt header (limit per side).
            Heif.ContextSetMaximumImageSizeLimit(context, (int)Math.Min(int.MaxValue, Math.Max(16384, (long)Math.Sqrt(maxPixels) * 4)));
            ImagingErrors.CheckHeif(Heif.ContextReadFromMemoryWithoutCopy(context, data, (nuint)length, IntPtr.Zero), "reading the HEIF container");
            ImagingErrors.CheckHeif(Heif.ContextGetPrimaryImageHandle(context, out var handle), "finding the HEIF primary image");
            primary = new HeifImageHandle(handle);
            var decoder = new HeifDecoder(context, primary);
            var (w, h) = (decoder.Width, decoder.Height);
            if (w <= 0 || h <= 0)
            {
                ImagingErrors.ThrowCorrupt("the HEIF primary image declares no pixels");
            }

            if ((long)w * h > maxPixels)
            {
                ImagingErrors.ThrowTooLarge("the HEIF image", w, h, maxPixels);
            }

            return decoder;
        }
        catch
        {
            primary?.Dispose();
            context.Dispose();
            throw;
        }
    }

    /// <summary>Bytes a decode keeps resident: RGBA output plus libheif's YCbCr planes (up to 16 bits per sample).</summary>
    public long EstimateDecodeBytes() => RgbxImage.BytesFor(Width, Height) + ((long)Width * Height * 3);

    /// <summary>EXIF of the primary image (the TIFF part), or null.</summary>
    public byte[]? ReadExif()
    {
        var count = Heif.ImageHandleGetNumberOfMetadataBlocks(_primary, "Exif");
        if (count <= 0)
        {
            return null;
        }

        uint id;
        if (Heif.ImageHandleGetListOfMetadataBlockIds(_primary, "Exif", &id, 1) != 1)
        {
            return null;
        }

        var size = Heif.ImageHandleGetMetadataSize(_primary, id);
        if (size < 8 || size > 1 << 24)
        {
            return null;
        }

        var block = new byte[(int)size];
        fixed (byte* p = block)
        {
            if (Heif.ImageHandleGetMetadata(_primary, id, p).code != 0)
            {
                return null;
            }
        }

        // ISO/IEC 23008-12 Annex A.2.1: a 4-byte big-endian offset to the TIFF header, counted after those 4 bytes.
        var skip = 4L + BinaryPrimitives.ReadUInt32BigEndian(block);
        return skip < block.Length ? block[(int)skip..] : null;
    }

    public SourceColorSpace ReadColorSpace()
    {
        var type = Heif.ImageHandleGetColorProfileType(_primary);
        if (type is Heif.heif_color_profile_type_prof or Heif.heif_color_profile_type_rICC)
        {
            var size = Heif.ImageHandleGetRawColorProfileSize(_primary);
            if (size is > 128 and < 1 << 22)
            {
                var icc = new byte[(int)size];
                fixed (byte* p = icc)
                {
                    if (Heif.ImageHandleGetRawColorProfile(_primary, p).code == 0)
                    {
                        return new SourceColorSpace(icc, KnownRgbSpace.Srgb);
                    }
                }
            }
        }
        else if (type == Heif.heif_color_profile_type_nclx
            && Heif.ImageHandleGetNclxColorProfile(_primary, out var nclx).code == 0 && nclx is not null)
        {
            try
            {
                // ITU-T H.273 colour_primaries: 1 BT.709 (= sRGB), 9 BT.2020, 12 SMPTE EG 432-1 (Display P3).
                // Transfer 16 (PQ) and 18 (HLG) are HDR: tone mapping is out of scope, they are shown as decoded.
                var hdr = nclx->transfer_characteristics is 16 or 18;
                return (nclx->color_primaries, hdr) switch
                {
                    (12, false) => new SourceColorSpace(null, KnownRgbSpace.DisplayP3),
                    (9, false) => new SourceColorSpace(null, KnownRgbSpace.Bt2020),
                    _ => SourceColorSpace.Srgb,
                };
            }
            finally
            {
                Heif.NclxColorProfileFree(nclx);
            }
        }

        return SourceColorSpace.Srgb;
    }

    /// <summary>Decodes the primary image, transformations applied, to 8-bit RGBA (10-bit HIF is reduced by libheif).</summary>
    public RgbxImage Decode()
    {
        ImagingErrors.CheckHeif(Heif.DecodeImage(_primary, out var pointer, Heif.heif_colorspace_RGB, Heif.heif_chroma_interleaved_RGBA, IntPtr.Zero), "decoding the HEIF image");
        var image = new HeifImage(pointer);
        try
        {
            var w = Heif.ImageGetWidth(image, Heif.heif_channel_interleaved);
            var h = Heif.ImageGetHeight(image, Heif.heif_channel_interleaved);
            var plane = Heif.ImageGetPlaneReadonly(image, Heif.heif_channel_interleaved, out var stride);
            if (plane is null || w <= 0 || h <= 0 || stride < w * 4)
            {
                ImagingErrors.ThrowCorrupt("libheif returned no interleaved RGBA plane");
            }

            return new RgbxImage(image, plane, w, h, stride);
        }
        catch
        {
            image.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _primary.Dispose();
        _context.Dispose();
    }
}
