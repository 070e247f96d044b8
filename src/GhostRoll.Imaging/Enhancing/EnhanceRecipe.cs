using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GhostRoll.Imaging.Enhancing;

/// <summary>
/// The parameters of one enhancement: what <see cref="PhotoEnhancer"/> chose for a photo, or what a person wrote to
/// replay or tune it (<c>ghostroll enhance IN OUT --recipe FILE</c>). Written as a small JSON file beside every
/// enhanced image; properties left out of a hand-written file keep their neutral value, so <c>{"exposure": 0.5}</c>
/// is a complete recipe. The same recipe on the same input bytes gives the same output bytes on every machine
/// (docs/enhancement.md).
/// </summary>
/// <param name="Exposure">Exposure change in EV (stops), -1 to +2; applied as a gain of 2^(EV/2.2) on sRGB codes.</param>
/// <param name="BlackPoint">Input code (0-64) that becomes black: lifts haze out of the shadows.</param>
/// <param name="WhitePoint">Input code (160-255) that becomes white before the highlight shoulder rolls brighter codes off.</param>
/// <param name="Shadows">Shadow lift, 0 to 1: raises the darkest quarter of the tones, black stays black.</param>
/// <param name="Highlights">Highlight recovery, 0 to 1: lowers bright tones (around code 190) so their detail shows, white stays white.</param>
/// <param name="Contrast">S-curve around mid-grey, -0.5 (flatter) to 0.5 (punchier).</param>
/// <param name="Vibrance">Saturation boost that favours muted colours, -1 to 1; greys stay grey.</param>
/// <param name="Version">Recipe format version (1). A newer file is refused rather than half understood.</param>
public sealed record EnhanceRecipe(
    double Exposure = 0,
    int BlackPoint = 0,
    int WhitePoint = 255,
    double Shadows = 0,
    double Highlights = 0,
    double Contrast = 0,
    double Vibrance = 0,
    [property: JsonPropertyOrder(-1)] int Version = EnhanceRecipe.CurrentVersion)
{
    /// <summary>The recipe format this build writes and the newest it reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Changes nothing: the enhancer returns the input's pixels untouched.</summary>
    public static EnhanceRecipe Neutral { get; } = new();

    /// <summary>True when the recipe changes no pixel (then the enhancer copies the picture without re-encoding it).</summary>
    [JsonIgnore]
    public bool IsNeutral =>
        Exposure == 0 && BlackPoint == 0 && WhitePoint == 255 && Shadows == 0 && Highlights == 0 && Contrast == 0 && Vibrance == 0;

    /// <summary>The first problem with this recipe, worded for a person, or null when it can be applied.</summary>
    public string? Problem()
    {
        if (Version < 1 || Version > CurrentVersion)
        {
            return $"recipe version {Version} is not one this ghostroll reads (it reads version {CurrentVersion})";
        }

        return Outside(Exposure, -1, 2, "exposure")
            ?? Outside(BlackPoint, 0, 64, "black_point")
            ?? Outside(WhitePoint, 160, 255, "white_point")
            ?? Outside(Shadows, 0, 1, "shadows")
            ?? Outside(Highlights, 0, 1, "highlights")
            ?? Outside(Contrast, -0.5, 0.5, "contrast")
            ?? Outside(Vibrance, -1, 1, "vibrance");
    }

    /// <summary>The recipe as indented JSON (snake_case names), ending with a newline.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, EnhanceRecipeJsonContext.Default.EnhanceRecipe) + "\n";

    /// <summary>Reads a recipe; a malformed or out-of-range one is a <see cref="FormatException"/> that says what is wrong.</summary>
    public static EnhanceRecipe FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return Checked(JsonSerializer.Deserialize(json, EnhanceRecipeJsonContext.Default.EnhanceRecipe));
        }
        catch (JsonException e)
        {
            throw new FormatException($"not a valid enhancement recipe: {e.Message}", e);
        }
    }

    /// <inheritdoc cref="FromJson(string)"/>
    public static EnhanceRecipe FromJson(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            return Checked(JsonSerializer.Deserialize(utf8Json, EnhanceRecipeJsonContext.Default.EnhanceRecipe));
        }
        catch (JsonException e)
        {
            throw new FormatException($"not a valid enhancement recipe: {e.Message}", e);
        }
    }

    private static EnhanceRecipe Checked(EnhanceRecipe? recipe)
    {
        if (recipe is null)
        {
            throw new FormatException("not a valid enhancement recipe: the JSON is null");
        }

        var problem = recipe.Problem();
        return problem is null ? recipe : throw new FormatException($"not a valid enhancement recipe: {problem}");
    }

    private static string? Outside(double value, double min, double max, string name) =>
        double.IsFinite(value) && value >= min && value <= max
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"{name} is {value}, outside {min} to {max}");
}

/// <summary>Source-generated JSON for <see cref="EnhanceRecipe"/> (Native AOT: no reflection).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(EnhanceRecipe))]
internal sealed partial class EnhanceRecipeJsonContext : JsonSerializerContext;
