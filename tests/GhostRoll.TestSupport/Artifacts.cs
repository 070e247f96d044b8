namespace GhostRoll.TestSupport;

/// <summary>
/// Where tests leave files for people to inspect (screenshots, actual-vs-golden images): TestResults/artifacts
/// under the repository, or GRTEST_TEST_ARTIFACTS. CI keeps the folder.
/// </summary>
public static class Artifacts
{
    public static string Dir(string area)
    {
        var root = Environment.GetEnvironmentVariable("GRTEST_TEST_ARTIFACTS");
        if (string.IsNullOrEmpty(root))
        {
            root = Path.Combine(Fixtures.RepoRoot, "TestResults", "artifacts");
        }

        var dir = Path.Combine(root, area);
        Directory.CreateDirectory(dir);
        return dir;
    }
}
