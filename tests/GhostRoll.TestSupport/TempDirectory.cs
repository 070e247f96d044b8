namespace GhostRoll.TestSupport;

/// <summary>A scratch folder under the system temp dir, deleted on dispose (kept when GRTEST_KEEP_TEMP=1).</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory(string? label = null)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"ghostroll-test-{label ?? "tmp"}-{Guid.NewGuid():N}"[..48]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("GRTEST_KEEP_TEMP") == "1")
        {
            return;
        }

        try
        {
            // Tests may leave read-only files (copied card trees); make them writable before deleting.
            foreach (var file in Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories))
            {
                File.SetAttributes(file, FileAttributes.Normal);
            }

            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
