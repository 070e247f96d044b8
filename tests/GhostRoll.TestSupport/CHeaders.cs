using System.Diagnostics;

namespace GhostRoll.TestSupport;

/// <summary>
/// How interop mirrors (struct sizes, field offsets, constants) are proven against the real C headers of the
/// machine running the tests: <c>_Static_assert</c> lines generated from what the C# side believes must compile with
/// gcc (-Werror). Needs gcc and the library's -dev headers (listed in .ci/deps).
/// </summary>
public static class CHeaders
{
    /// <summary>
    /// Compiles <paramref name="preamble"/> (<c>#define</c> lines verbatim, anything else as <c>#include</c>) followed
    /// by <paramref name="staticAsserts"/>; returns gcc's messages when it rejects them, null when they all hold.
    /// </summary>
    public static string? Disagreements(IEnumerable<string> preamble, IEnumerable<string> staticAsserts, params string[] gccOptions)
    {
        using var temp = new TempDirectory("cheaders");
        var source = temp.Combine("check.c");
        var lines = preamble.Select(p => p.StartsWith('#') ? p : $"#include {p}").Concat(staticAsserts);
        File.WriteAllText(source, string.Join('\n', lines) + "\n");

        var start = new ProcessStartInfo("gcc") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in gccOptions.Concat(["-fsyntax-only", "-Werror", source]))
        {
            start.ArgumentList.Add(argument);
        }

        using var gcc = Process.Start(start)!;
        var errors = gcc.StandardError.ReadToEnd();
        gcc.WaitForExit();
        return gcc.ExitCode == 0 ? null : errors;
    }
}
