namespace GhostRoll.Media;

/// <summary>
/// What the gallery and the database know about a picture. <see cref="Latitude"/> and friends are stored in
/// the database only: they never reach a derivative, a manifest or a caption.
/// </summary>
public sealed record PhotoMetadata
{
    /// <summary>DateTimeOriginal (+ SubSecTimeOriginal) as the camera's local wall-clock time.</summary>
    public DateTime? CapturedLocal { get; init; }

    /// <summary>OffsetTimeOriginal when the camera recorded it; null means "local time, zone unknown".</summary>
    public TimeSpan? CapturedOffset { get; init; }

    public string? Make { get; init; }

    public string? Model { get; init; }

    public string? Lens { get; init; }

    public int? Iso { get; init; }

    public double? ExposureSeconds { get; init; }

    public double? FNumber { get; init; }

    public double? FocalLengthMm { get; init; }

    /// <summary>Pixel size of the source as displayed (after orientation).</summary>
    public int? Width { get; init; }

    public int? Height { get; init; }

    /// <summary>EXIF orientation 1-8 as found (already applied to derivatives).</summary>
    public int? Orientation { get; init; }

    public double? Latitude { get; init; }

    public double? Longitude { get; init; }

    public double? AltitudeMeters { get; init; }

    /// <summary>"Canon EOS R6": the model, prefixed by the make unless the model already names it.</summary>
    public string? Camera => CameraName.Of(Make, Model);
}

public static class CameraName
{
    // Makers whose EXIF Make is a company name that reads badly in a caption.
    private static readonly (string Prefix, string Short)[] ShortMakes =
    [
        ("NIKON CORPORATION", "Nikon"), ("NIKON", "Nikon"), ("OLYMPUS", "Olympus"), ("OM Digital Solutions", "OM System"),
        ("PENTAX", "Pentax"), ("SONY", "Sony"), ("FUJIFILM", "Fujifilm"), ("SEIKO EPSON", "Epson"), ("EASTMAN KODAK", "Kodak"),
        ("LGE", "LG"), ("RICOH", "Ricoh"), ("SAMSUNG", "Samsung"), ("HUAWEI", "Huawei"), ("LEICA", "Leica"), ("Panasonic", "Panasonic"),
    ];

    public static string? Of(string? make, string? model)
    {
        make = Clean(make);
        model = Clean(model);
        if (model is null)
        {
            return make;
        }

        if (make is null)
        {
            return model;
        }

        var shortMake = ShortMakes.FirstOrDefault(m => make.StartsWith(m.Prefix, StringComparison.OrdinalIgnoreCase)).Short ?? make;
        var firstWord = shortMake.Split(' ')[0];
        // "NIKON D90" from "NIKON CORPORATION" reads as "Nikon D90"; "SLT-A57" from "SONY" as "Sony SLT-A57".
        return model.StartsWith(firstWord, StringComparison.OrdinalIgnoreCase)
            ? firstWord + model[firstWord.Length..]
            : $"{shortMake} {model}";
    }

    private static string? Clean(string? value)
    {
        var trimmed = value?.Trim('\0', ' ');
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }
}
