using GhostRoll.Screens.Interop;

namespace GhostRoll.Screens.Text;

/// <summary>Picks the text renderer: FreeType with DejaVu when both are there, else the built-in bitmap font.</summary>
public static class Fonts
{
    /// <summary>
    /// Never throws: a missing libfreetype.so.6, missing or broken fonts, or a 32-bit process whose FreeType we
    /// have not verified all fall back to <see cref="BitmapGlyphSource"/>. <paramref name="problem"/> says why, for
    /// one log line (the display must keep working on a damaged image).
    /// </summary>
    public static IGlyphSource Open(out string? problem, string? fontDirectory = null)
    {
        problem = null;
        try
        {
            return FreeTypeGlyphSource.Open(fontDirectory ?? FreeTypeGlyphSource.DefaultFontDirectory);
        }
        catch (DllNotFoundException)
        {
            problem = "libfreetype.so.6 is not installed (apt-get install libfreetype6); using the built-in bitmap font";
        }
        catch (EntryPointNotFoundException e)
        {
            problem = $"libfreetype.so.6 is too old ({e.Message}); using the built-in bitmap font";
        }
        catch (FileNotFoundException e)
        {
            problem = e.Message + "; using the built-in bitmap font";
        }
        catch (FreeTypeException e)
        {
            problem = e.Message + "; using the built-in bitmap font";
        }

        return new BitmapGlyphSource();
    }
}
