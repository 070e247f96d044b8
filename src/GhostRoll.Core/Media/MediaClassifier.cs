using System.Collections.Frozen;

namespace GhostRoll.Media;

/// <summary>Classifies card files by extension. Extensions are compared case-insensitively, without the dot.</summary>
public static class MediaClassifier
{
    private static readonly FrozenDictionary<string, MediaKind> Kinds = Build();

    public static IEnumerable<string> ExtensionsOf(MediaKind kind) => Kinds.Where(k => k.Value == kind).Select(k => k.Key).Order(StringComparer.Ordinal);

    public static MediaKind Classify(string fileName)
    {
        var dot = fileName.LastIndexOf('.');
        if (dot <= 0 || dot == fileName.Length - 1)
        {
            return MediaKind.Unknown;
        }

        return Kinds.GetValueOrDefault(fileName[(dot + 1)..].ToLowerInvariant(), MediaKind.Unknown);
    }

    private static FrozenDictionary<string, MediaKind> Build()
    {
        var map = new Dictionary<string, MediaKind>(StringComparer.Ordinal);
        void Add(MediaKind kind, string extensions)
        {
            foreach (var e in extensions.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                map[e] = kind;
            }
        }

        Add(MediaKind.Jpeg, "jpg jpeg jpe");
        Add(MediaKind.Heif, "heic heif hif avif");
        // RAW formats by vendor: Canon cr2 cr3 crw, Nikon nef nrw, Sony arw srf sr2, Fujifilm raf, Olympus/OM orf,
        // Panasonic rw2 raw, Pentax pef (and dng), Adobe/phones/Leica dng, Samsung srw, Sigma x3f, Hasselblad 3fr fff,
        // Phase One iiq, Epson erf, Minolta mrw, GoPro gpr, Leica rwl, Kodak kdc dcr, Leaf mos, Mamiya mef.
        Add(MediaKind.Raw, "cr2 cr3 crw nef nrw arw srf sr2 raf orf rw2 raw pef dng srw x3f 3fr fff iiq erf mrw gpr rwl kdc dcr mos mef");
        // Video: MP4/MOV family, AVCHD streams, old camera AVI/MPG, GoPro low-res previews (lrv), 360 cameras (insv).
        Add(MediaKind.Video, "mp4 m4v mov avi mts m2ts mpg mpeg 3gp mkv wmv lrv insv mod tod");
        Add(MediaKind.Sidecar, "thm xmp wav");
        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
