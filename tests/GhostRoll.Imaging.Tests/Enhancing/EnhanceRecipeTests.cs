using GhostRoll.Imaging.Enhancing;

namespace GhostRoll.Imaging.Tests.Enhancing;

/// <summary>The recipe file people read, edit and replay; and the tone curve it builds.</summary>
public sealed class EnhanceRecipeTests
{
    [Fact]
    public void A_recipe_round_trips_through_its_json_exactly()
    {
        var recipe = new EnhanceRecipe(Exposure: 1.35, BlackPoint: 12, WhitePoint: 231, Shadows: 0.17, Highlights: 0.08, Contrast: 0.21, Vibrance: 0.09);

        var json = recipe.ToJson();

        Assert.Contains("\"version\": 1", json, StringComparison.Ordinal);
        Assert.Contains("\"black_point\": 12", json, StringComparison.Ordinal);
        Assert.Contains("\"exposure\": 1.35", json, StringComparison.Ordinal);
        Assert.DoesNotContain("is_neutral", json, StringComparison.Ordinal);
        Assert.Equal(recipe, EnhanceRecipe.FromJson(json));
        Assert.Equal(recipe, EnhanceRecipe.FromJson(System.Text.Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void A_hand_written_recipe_needs_only_what_it_changes()
    {
        var recipe = EnhanceRecipe.FromJson("""
            // brighter, please
            { "exposure": 0.5, "unknown_future_knob": 3, }
            """);

        Assert.Equal(EnhanceRecipe.Neutral with { Exposure = 0.5 }, recipe);
        Assert.True(EnhanceRecipe.FromJson("{}").IsNeutral);
    }

    [Theory]
    [InlineData("""{ "exposure": 5 }""", "exposure is 5, outside -1 to 2")]
    [InlineData("""{ "white_point": 100 }""", "white_point is 100, outside 160 to 255")]
    [InlineData("""{ "contrast": -0.9 }""", "contrast is -0.9, outside -0.5 to 0.5")]
    [InlineData("""{ "version": 2 }""", "recipe version 2 is not one this ghostroll reads")]
    [InlineData("""{ "exposure": "lots" }""", "not a valid enhancement recipe")]
    [InlineData("""[1, 2]""", "not a valid enhancement recipe")]
    [InlineData("""null""", "the JSON is null")]
    [InlineData("""{ "exposure": 0.5""", "not a valid enhancement recipe")]
    public void A_bad_recipe_is_refused_with_what_is_wrong(string json, string problem)
    {
        var e = Assert.Throws<FormatException>(() => EnhanceRecipe.FromJson(json));
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_recipe_file_sits_beside_its_image()
    {
        Assert.Equal("/s/derived/enhanced/100CANON/IMG_0001.recipe.json", PhotoEnhancer.RecipePathFor("/s/derived/enhanced/100CANON/IMG_0001.jpg"));
        Assert.Equal("sessions/x/enhanced/a.b/IMG.recipe.json", PhotoEnhancer.RecipePathFor("sessions/x/enhanced/a.b/IMG.jpg"));
        Assert.Equal("out/noext.recipe.json", PhotoEnhancer.RecipePathFor("out/noext"));
    }

    private static readonly EnhanceRecipe[] Recipes =
    [
        EnhanceRecipe.Neutral,
        new(Exposure: 2),
        new(Exposure: -1),
        new(BlackPoint: 64, WhitePoint: 160),
        new(Exposure: 1.5, WhitePoint: 192, Shadows: 1, Contrast: 0.5),
        new(Highlights: 1, Contrast: -0.5),
        new(Exposure: 0.7, BlackPoint: 20, WhitePoint: 230, Shadows: 0.3, Highlights: 0.3, Contrast: 0.3, Vibrance: 1),
    ];

    [Fact]
    public void Every_tone_curve_keeps_the_order_of_tones_and_never_blows_out_an_unclipped_one()
    {
        foreach (var recipe in Recipes)
        {
            var curve = ToneCurve.Build(recipe);
            for (var c = 1; c < 256; c++)
            {
                Assert.True(curve[c] >= curve[c - 1], $"{recipe}: the curve falls at {c}: {curve[c - 1]} -> {curve[c]}");
            }

            Assert.True(curve[253] <= ToneCurve.HighestUnclipped, $"{recipe}: 253 -> {curve[253]}");
            Assert.Equal(0, curve[0]);
        }

        Assert.Equal(Enumerable.Range(0, 256).Select(c => (byte)c), ToneCurve.Build(EnhanceRecipe.Neutral));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(-0.4545)]
    [InlineData(0.909)]
    [InlineData(-3.3)]
    public void The_portable_exp2_matches_the_c_library(double x)
    {
        // Not bit-equality with libm (which is what the series avoids depending on), only that it is right.
        Assert.Equal(Math.Pow(2, x), ToneCurve.Exp2(x), 1e-14);
    }
}
