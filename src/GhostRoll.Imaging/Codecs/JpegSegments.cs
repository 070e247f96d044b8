using System.Buffers.Binary;

namespace GhostRoll.Imaging.Codecs;

/// <summary>
/// Walks the marker segments of a JPEG header (ITU-T T.81 Annex B) up to the first scan: finds the EXIF APP1
/// (CIPA DC-008 §4.5.4), the ICC profile APP2 chunks (ICC.1:2010 Annex B.4) and the frame header. Never throws:
/// malformed input yields what could be read.
/// </summary>
internal sealed class JpegSegments
{
    private static ReadOnlySpan<byte> ExifSignature => "Exif\0\0"u8;

    private static ReadOnlySpan<byte> IccSignature => "ICC_PROFILE\0"u8;

    /// <summary>Offset and length of the TIFF structure inside the EXIF APP1 (after "Exif\0\0").</summary>
    public (int Offset, int Length)? Exif { get; private set; }

    /// <summary>The reassembled ICC profile, when the file embeds one.</summary>
    public byte[]? IccProfile { get; private set; }

    /// <summary>Start-of-frame marker (0xC0 baseline, 0xC2 progressive, 0xC3 lossless...), 0 if none found.</summary>
    public int FrameMarker { get; private set; }

    public int Width { get; private set; }

    public int Height { get; private set; }

    public int Components { get; private set; }

    public bool IsProgressive => FrameMarker is 0xC2 or 0xC6 or 0xCA or 0xCE;

    public static bool LooksLikeJpeg(ReadOnlySpan<byte> data) => data.Length >= 4 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF;

    public static JpegSegments Read(ReadOnlySpan<byte> data)
    {
        var result = new JpegSegments();
        if (!LooksLikeJpeg(data))
        {
            return result;
        }

        SortedDictionary<int, byte[]>? iccChunks = null;
        var pos = 2;
        while (pos + 4 <= data.Length)
        {
            if (data[pos] != 0xFF)
            {
                break;
            }

            var marker = data[pos + 1];
            if (marker == 0xFF)
            {
                pos++; // fill byte (T.81 B.1.1.2)
                continue;
            }

            if (marker is 0xD8 or 0x01 or (>= 0xD0 and <= 0xD7))
            {
                pos += 2;
                continue;
            }

            if (marker is 0xD9 or 0xDA)
            {
                break;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(data[(pos + 2)..]);
            if (length < 2 || pos + 2 + length > data.Length)
            {
                break;
            }

            var body = data.Slice(pos + 4, length - 2);
            if (marker == 0xE1 && result.Exif is null && body.StartsWith(ExifSignature))
            {
                result.Exif = (pos + 4 + ExifSignature.Length, body.Length - ExifSignature.Length);
            }
            else if (marker == 0xE2 && body.Length > IccSignature.Length + 2 && body.StartsWith(IccSignature))
            {
                iccChunks ??= [];
                iccChunks[body[IccSignature.Length]] = body[(IccSignature.Length + 2)..].ToArray();
            }
            else if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC && body.Length >= 6 && result.FrameMarker == 0)
            {
                result.FrameMarker = marker;
                result.Height = BinaryPrimitives.ReadUInt16BigEndian(body[1..]);
                result.Width = BinaryPrimitives.ReadUInt16BigEndian(body[3..]);
                result.Components = body[5];
            }

            pos += 2 + length;
        }

        if (iccChunks is { Count: > 0 })
        {
            result.IccProfile = iccChunks.Values.SelectMany(c => c).ToArray();
        }

        return result;
    }
}
