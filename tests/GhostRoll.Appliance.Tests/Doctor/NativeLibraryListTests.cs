using System.Reflection;
using System.Text.RegularExpressions;
using GhostRoll.Appliance.Doctor.Checks;
using GhostRoll.Configuration;
using GhostRoll.TestSupport;

namespace GhostRoll.Appliance.Tests.Doctor;

/// <summary>
/// The doctor's library check knows every native library the code binds: a library missing from its list would be
/// missing from a fresh install without the doctor saying so (it once forgot liblcms2.so.2).
/// </summary>
public sealed partial class NativeLibraryListTests
{
    /// <summary>The shared soname constants (src/Shared/Interop/Unix), read from the appliance's compiled copy.</summary>
    private static readonly Dictionary<string, string> SharedSonames = typeof(NativeLibrariesCheck).Assembly
        .GetType("GhostRoll.Interop.Libraries", throwOnError: true)!
        .GetFields(BindingFlags.NonPublic | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .ToDictionary(f => f.Name, f => (string)f.GetRawConstantValue()!);

    [Fact]
    public void Every_library_bound_in_src_is_named_by_a_shared_constant_and_checked_by_the_doctor()
    {
        var doctor = NativeLibrariesCheck.For(new GhostRollSettings()).Select(l => l.Soname).ToHashSet();
        var uses = BoundLibraries().ToList();
        Assert.True(uses.Count >= 10, $"the scan found only {uses.Count} native bindings in src/; is the pattern still right?");

        var problems = new List<string>();
        foreach (var (file, argument) in uses.Distinct())
        {
            var name = argument.StartsWith("Libraries.", StringComparison.Ordinal) ? argument["Libraries.".Length..] : null;
            if (name is null || !SharedSonames.TryGetValue(name, out var soname))
            {
                problems.Add($"{file}: binds {argument}; name the library by a constant of src/Shared/Interop/Unix/Interop.Libraries.cs");
            }
            else if (!doctor.Contains(soname))
            {
                problems.Add($"{file}: binds {soname}, which the doctor's library check does not load");
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void The_doctor_checks_every_shared_soname_with_its_debian_package()
    {
        var doctor = NativeLibrariesCheck.For(new GhostRollSettings());

        Assert.Equal(SharedSonames.Values.Order(StringComparer.Ordinal), doctor.Select(l => l.Soname).Order(StringComparer.Ordinal));
        Assert.Contains(doctor, l => l.Soname == "liblcms2.so.2" && l.Package == "liblcms2-2" && l.Required);
        Assert.All(doctor, l => Assert.Matches("^lib[a-z0-9.+-]+$", l.Package));
    }

    [Fact]
    public void The_scan_sees_a_binding_by_a_literal_name()
    {
        var found = Bindings("""[LibraryImport("libfoo.so.1", EntryPoint = "foo")]""").ToList();

        Assert.Equal(["\"libfoo.so.1\""], found);
        Assert.False(SharedSonames.ContainsValue("libfoo.so.1"));
    }

    /// <summary>Every [LibraryImport]/[DllImport] and NativeLibrary.Load/TryLoad in src/, with its library argument.</summary>
    private static IEnumerable<(string File, string Argument)> BoundLibraries()
    {
        var src = Path.Combine(Fixtures.RepoRoot, "src");
        foreach (var file in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                || file.EndsWith("NativeLibrariesCheck.cs", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var argument in Bindings(File.ReadAllText(file)))
            {
                yield return (Path.GetRelativePath(Fixtures.RepoRoot, file), argument);
            }
        }
    }

    private static IEnumerable<string> Bindings(string source) => Binding().Matches(source).Select(m => m.Groups[1].Value);

    [GeneratedRegex(@"(?:\[(?:LibraryImport|DllImport)\(|NativeLibrary\.(?:Try)?Load\()\s*([^,\)\s]+)")]
    private static partial Regex Binding();
}
