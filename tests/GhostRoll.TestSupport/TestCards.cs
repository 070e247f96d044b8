using System.Security.Cryptography;

namespace GhostRoll.TestSupport;

/// <summary>Builds card trees for tests: copies of fixture cards (mtimes kept), or synthetic unique files.</summary>
public static class TestCards
{
    /// <summary>Copies one or more fixture cards into <paramref name="destination"/> (one card root), preserving mtimes.</summary>
    public static string FromFixtures(string destination, params string[] cards)
    {
        foreach (var card in cards)
        {
            CopyTree(Fixtures.Card(card), destination);
        }

        return destination;
    }

    /// <summary>Copies a card tree into <paramref name="destination"/> with its mtimes (a re-inserted card is the same card).</summary>
    public static string CopyTree(string source, string destination)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(destination, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
            File.SetLastWriteTimeUtc(target, File.GetLastWriteTimeUtc(file));
        }

        return destination;
    }

    /// <summary>
    /// Writes <paramref name="count"/> unique "photos" (a real JPEG from the fixtures with a unique trailer appended,
    /// so every file has its own content) under DCIM/100TEST/. Used where volume matters more than pictures.
    /// </summary>
    public static string WithUniqueCopies(string destination, int count, string folder = "100TEST", int seed = 1)
    {
        var sample = File.ReadAllBytes(Fixtures.File("basic", "DCIM/100CANON/IMG_0102.JPG"));
        var dir = Path.Combine(destination, "DCIM", folder);
        Directory.CreateDirectory(dir);
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var path = Path.Combine(dir, $"IMG_{i:0000}.JPG");
            var trailer = new byte[64 + random.Next(4096)];
            random.NextBytes(trailer);
            using var stream = File.Create(path);
            stream.Write(sample);
            stream.Write(trailer);
        }

        return destination;
    }

    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}

/// <summary>Everything observable about a card tree: paths, sizes, mtimes, hashes. Equal snapshots = untouched card.</summary>
public sealed record CardSnapshot(IReadOnlyDictionary<string, (long Size, DateTime Mtime, string Sha)> Files, IReadOnlyList<string> Directories)
{
    public static CardSnapshot Take(string root)
    {
        var files = new SortedDictionary<string, (long, DateTime, string)>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            var info = new FileInfo(file);
            files[Path.GetRelativePath(root, file)] = (info.Length, info.LastWriteTimeUtc, TestCards.Sha256(file));
        }

        var directories = Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories)
            .Select(d => Path.GetRelativePath(root, d) + "@" + Directory.GetLastWriteTimeUtc(d).Ticks)
            .Order(StringComparer.Ordinal).ToList();
        return new CardSnapshot(files, directories);
    }

    public bool SameAs(CardSnapshot other) =>
        Files.Count == other.Files.Count && Files.All(f => other.Files.TryGetValue(f.Key, out var o) && o == f.Value)
        && Directories.SequenceEqual(other.Directories);
}
