using GhostRoll.Screens.Drawing;
using GhostRoll.Screens.Text;
using GhostRoll.TestSupport;
using Xunit;

namespace GhostRoll.Screens.Tests;

public sealed class TextRendererTests : IDisposable
{
    private readonly FreeTypeGlyphSource _fonts = FreeTypeGlyphSource.Open();
    private readonly FontSpec _body = new(13);

    [Fact]
    public void Wrapped_lines_fit_the_width_and_keep_every_word_in_order()
    {
        var text = new TextRenderer(_fonts);
        const string Sentence = "The card was removed while copying. Insert it again to finish; nothing is lost.";

        var lines = text.Wrap(Sentence, _body, 120, maxLines: 10);

        Assert.True(lines.Count > 1);
        Assert.All(lines, l => Assert.True(text.Measure(l, _body) <= 120, $"'{l}' is wider than 120"));
        Assert.Equal(Sentence, string.Join(' ', lines));
    }

    [Fact]
    public void Text_beyond_the_last_line_ends_in_an_ellipsis()
    {
        var text = new TextRenderer(_fonts);

        var lines = text.Wrap("one two three four five six seven eight nine ten eleven twelve", _body, 80, maxLines: 2);

        Assert.Equal(2, lines.Count);
        Assert.EndsWith(TextRenderer.Ellipsis, lines[1], StringComparison.Ordinal);
        Assert.True(text.Measure(lines[1], _body) <= 80);
    }

    [Fact]
    public void A_word_longer_than_the_line_is_broken_rather_than_overflowing()
    {
        var text = new TextRenderer(_fonts);
        var path = "DCIM/100CANON/" + new string('X', 60) + ".CR3";

        var lines = text.Wrap(path, _body, 100, maxLines: 20);

        Assert.All(lines, l => Assert.True(text.Measure(l, _body) <= 100));
        Assert.Equal(path, string.Concat(lines));
    }

    [Fact]
    public void Fit_shrinks_a_headline_until_it_fits()
    {
        var text = new TextRenderer(_fonts);
        var spec = new FontSpec(40, FontWeight.Bold);

        var fitted = text.Fit("Processing", spec, 150, minimumSize: 10);

        Assert.True(fitted.PixelSize < 40);
        Assert.True(text.Measure("Processing", fitted) <= 150);
        Assert.True(text.Measure("Processing", fitted.WithSize(fitted.PixelSize + 1)) > 150);
    }

    [Fact]
    public void Mono_text_stays_black_and_white_and_smooth_text_has_grey()
    {
        var text = new TextRenderer(_fonts);
        var mono = new Canvas(100, 30);
        var smooth = new Canvas(100, 30);

        text.Draw(mono, 2, 20, "Copying", new FontSpec(18));
        text.Draw(smooth, 2, 20, "Copying", new FontSpec(18, Smooth: true));

        Assert.True(mono.IsBilevel());
        Assert.Contains(mono.Pixels.ToArray(), p => p == Canvas.Black);
        Assert.False(smooth.IsBilevel());
    }

    [Fact]
    public void Characters_missing_from_the_font_are_drawn_as_a_question_mark()
    {
        var text = new TextRenderer(_fonts);

        Assert.Equal(text.Measure("?", _body), text.Measure("\U0001F4F7", _body));
    }

    [Fact]
    public void Missing_fonts_fall_back_to_the_built_in_font_with_a_reason()
    {
        using var empty = new TempDirectory("nofonts");

        using var glyphs = Fonts.Open(out var problem, empty.Path);

        Assert.IsType<BitmapGlyphSource>(glyphs);
        Assert.Contains("fonts-dejavu-core", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_font_file_falls_back_to_the_built_in_font_with_a_reason()
    {
        using var broken = new TempDirectory("badfonts");
        File.WriteAllText(broken.Combine("DejaVuSans.ttf"), "not a font");
        File.WriteAllText(broken.Combine("DejaVuSans-Bold.ttf"), "not a font");

        using var glyphs = Fonts.Open(out var problem, broken.Path);

        Assert.IsType<BitmapGlyphSource>(glyphs);
        Assert.Contains("FreeType FT_New_Face", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_installed_fonts_open_through_freetype()
    {
        using var glyphs = Fonts.Open(out var problem);

        Assert.Null(problem);
        Assert.StartsWith("FreeType 2.", glyphs.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Built_in_font_covers_printable_ascii_with_well_formed_glyphs()
    {
        var font = new BitmapGlyphSource();
        for (var c = ' '; c <= '~'; c++)
        {
            var glyph = font.Glyph(new FontSpec(11), new System.Text.Rune(c));
            Assert.Equal(6, glyph.Advance);
        }

        Assert.All(BuiltInFont.Glyphs.Values, rows =>
        {
            var parts = rows.Split(' ');
            Assert.Equal(9, parts.Length);
            Assert.All(parts, r => Assert.Matches("^[.#]{5}$", r));
        });
    }

    public void Dispose() => _fonts.Dispose();
}
