using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace GhostRoll.Imaging.Interop;

/// <summary>
/// Every native error of the imaging library is translated here, once: TurboJPEG return codes and messages,
/// libheif <c>heif_error</c> structs, allocation failures. Callers get an <see cref="ImagingException"/> whose
/// text says what happened; cold throws live in this class so hot paths stay small.
/// </summary>
internal static unsafe class ImagingErrors
{
    /// <summary>
    /// Checks a TurboJPEG call. Warnings (TJERR_WARNING) are tolerated, because real camera files often carry
    /// harmless ones ("extraneous bytes before marker"), except for a premature end of data: that file is
    /// truncated and its bottom would be grey, which is not a picture worth sharing.
    /// </summary>
    internal static void CheckTurboJpeg(TurboJpegHandle handle, int result, string operation)
    {
        if (result == 0)
        {
            return;
        }

        var code = TurboJpeg.GetErrorCode(handle);
        var message = Marshal.PtrToStringUTF8((IntPtr)TurboJpeg.GetErrorStr2(handle)) ?? "unknown error";
        if (code == TurboJpeg.TJERR_WARNING && !IsTruncation(message))
        {
            return;
        }

        ThrowTurboJpeg(operation, message, code);
    }

    internal static bool IsTruncation(string libjpegMessage) =>
        libjpegMessage.Contains("Premature end", StringComparison.OrdinalIgnoreCase);

    [DoesNotReturn]
    private static void ThrowTurboJpeg(string operation, string message, int code)
    {
        var failure = IsTruncation(message) ? ImagingFailure.Truncated
            : message.Contains("Unsupported", StringComparison.OrdinalIgnoreCase) ? ImagingFailure.Unsupported
            : message.Contains("memory", StringComparison.OrdinalIgnoreCase) ? ImagingFailure.OutOfMemory
            : ImagingFailure.Corrupt;
        var what = failure switch
        {
            ImagingFailure.Truncated => "the JPEG data is truncated",
            ImagingFailure.Unsupported => "the JPEG uses a feature libjpeg-turbo does not decode",
            ImagingFailure.OutOfMemory => "libjpeg-turbo ran out of memory",
            _ => "the JPEG data is corrupt",
        };
        throw new ImagingException($"{operation} failed: {what} (libjpeg-turbo: {message.Trim()})", failure, code);
    }

    /// <summary>Checks a libheif call (heif_error_Ok = 0).</summary>
    internal static void CheckHeif(Heif.heif_error error, string operation)
    {
        if (error.code != 0)
        {
            ThrowHeif(error, operation);
        }
    }

    [DoesNotReturn]
    private static void ThrowHeif(Heif.heif_error error, string operation)
    {
        var message = error.message is null ? "unknown error" : Marshal.PtrToStringUTF8((IntPtr)error.message) ?? "unknown error";

        // heif_error_code (heif.h): 1 Input_does_not_exist, 2 Invalid_input, 3 Unsupported_filetype,
        // 4 Unsupported_feature, 5 Usage_error, 6 Memory_allocation_error, 7 Decoder_plugin_error, 1000 Security limit.
        var failure = error.code switch
        {
            3 or 4 or 7 => ImagingFailure.Unsupported,
            6 => ImagingFailure.OutOfMemory,
            1000 => ImagingFailure.TooLarge,
            _ when message.Contains("end of", StringComparison.OrdinalIgnoreCase) => ImagingFailure.Truncated,
            _ => ImagingFailure.Corrupt,
        };
        throw new ImagingException($"{operation} failed: {message} (libheif error {error.code}.{error.subcode})", failure, error.code);
    }

    [DoesNotReturn]
    internal static void ThrowTooLarge(string what, long width, long height, long limit) =>
        throw new ImagingException(
            $"{what} declares {width}x{height} pixels ({width * height / 1_000_000.0:0.#} MP), above the MAX_IMAGE_MEGAPIXELS limit of {limit / 1_000_000} MP; raise the setting if the file is genuine",
            ImagingFailure.TooLarge);

    [DoesNotReturn]
    internal static void ThrowCorrupt(string message) => throw new ImagingException(message, ImagingFailure.Corrupt);

    [DoesNotReturn]
    internal static void ThrowUnsupported(string message) => throw new ImagingException(message, ImagingFailure.Unsupported);

    [DoesNotReturn]
    internal static void ThrowOutOfMemory(string what, long bytes) =>
        throw new ImagingException($"could not map {bytes / (1024 * 1024)} MB for {what}", ImagingFailure.OutOfMemory);
}
