namespace GhostRoll.Imaging;

/// <summary>Why a picture could not be made: lets the deriver word the per-file error and the tests assert it.</summary>
public enum ImagingFailure
{
    /// <summary>The file's bytes are not a valid image of the kind its name says.</summary>
    Corrupt,

    /// <summary>The file ends before the image data does.</summary>
    Truncated,

    /// <summary>A valid file in a form GhostRoll does not render (CMYK-less codecs, lossless JPEG, ...).</summary>
    Unsupported,

    /// <summary>The declared pixel size is above <c>MAX_IMAGE_MEGAPIXELS</c>.</summary>
    TooLarge,

    /// <summary>A native library could not allocate memory.</summary>
    OutOfMemory,
}

/// <summary>A per-file imaging problem, worded for the user's log; the run goes on.</summary>
public sealed class ImagingException : Exception
{
    public ImagingException(string message, ImagingFailure failure, int nativeCode = 0)
        : base(message)
    {
        Failure = failure;
        NativeCode = nativeCode;
    }

    public ImagingException()
    {
    }

    public ImagingException(string message)
        : base(message)
    {
    }

    public ImagingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ImagingFailure Failure { get; } = ImagingFailure.Corrupt;

    /// <summary>The native library's error code, when there was one (TurboJPEG TJERR, heif_error_code).</summary>
    public int NativeCode { get; }
}
