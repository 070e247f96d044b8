namespace GhostRoll.Screens.Interop;

/// <summary>A FreeType call failed; <see cref="Code"/> is the FT_Error value (fterrdef.h).</summary>
internal sealed class FreeTypeException(string operation, int code)
    : Exception($"FreeType {operation} failed: {FreeTypeErrors.Describe(code)} (FT_Error 0x{code:X2})")
{
    public int Code { get; } = code;
}

/// <summary>
/// The one place FreeType error codes become exceptions. FT_Error_String only has text when FreeType was built
/// with FT_CONFIG_OPTION_ERROR_STRINGS (Debian's is not), so the codes we can meet are named here (fterrdef.h).
/// </summary>
internal static class FreeTypeErrors
{
    internal static void Check(int error, string operation)
    {
        if (error != 0)
        {
            throw new FreeTypeException(operation, error);
        }
    }

    internal static string Describe(int code) => code switch
    {
        0x01 => "cannot open resource (font file missing or unreadable; install fonts-dejavu-core)",
        0x02 => "unknown file format (not a font FreeType can read)",
        0x03 => "broken font file",
        0x06 => "invalid argument",
        0x10 => "invalid glyph index",
        0x11 => "invalid character code",
        0x17 => "invalid pixel size",
        0x40 => "out of memory",
        _ => "FreeType error",
    };
}
