using System.Buffers.Binary;
using GhostRoll.Imaging.Interop;

namespace GhostRoll.Imaging.Codecs;

/// <summary>
/// Removes metadata from a JPEG without decoding it: every APPn segment (JFXX thumbnails too) except the JFIF APP0 and Adobe APP14 (which
/// says how the colour components are to be read, ITU-T T.872 §6.5.3), and every comment (COM). Tables, frame and
/// scans are copied byte for byte, so the pixels are exactly those of the input (ITU-T T.81 Annex B).
/// </summary>
internal static class JpegMetadata
{
    private const byte App0 = 0xE0, App14 = 0xEE, Com = 0xFE, Sos = 0xDA;

    public static byte[] Strip(ReadOnlySpan<byte> jpeg)
    {
        if (!JpegSegments.LooksLikeJpeg(jpeg))
        {
            ImagingErrors.ThrowCorrupt("not a JPEG (it does not start with a JPEG marker)");
        }

        var output = new byte[jpeg.Length];
        output[0] = 0xFF;
        output[1] = 0xD8;
        int written = 2, pos = 2;
        while (true)
        {
            if (pos + 4 > jpeg.Length || jpeg[pos] != 0xFF)
            {
                ImagingErrors.ThrowCorrupt("the JPEG header is malformed (a segment does not start with a marker)");
            }

            var marker = jpeg[pos + 1];
            if (marker == 0xFF)
            {
                pos++; // fill byte (T.81 B.1.1.2)
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(jpeg[(pos + 2)..]);
            if (length < 2 || pos + 2 + length > jpeg.Length)
            {
                ImagingErrors.ThrowCorrupt("the JPEG header is malformed (a segment runs past the end of the file)");
            }

            if (marker == Sos)
            {
                // The scan and everything after it (more tables, scans, EOI) is picture data: copied as it is.
                jpeg[pos..].CopyTo(output.AsSpan(written));
                written += jpeg.Length - pos;
                return output.AsSpan(0, written).ToArray();
            }

            var body = jpeg.Slice(pos + 4, length - 2);
            var metadata = marker == Com || (marker is >= 0xE0 and <= 0xEF && marker != App14 && !(marker == App0 && body.StartsWith("JFIF\0"u8)));
            if (!metadata)
            {
                jpeg.Slice(pos, 2 + length).CopyTo(output.AsSpan(written));
                written += 2 + length;
            }

            pos += 2 + length;
        }
    }
}
