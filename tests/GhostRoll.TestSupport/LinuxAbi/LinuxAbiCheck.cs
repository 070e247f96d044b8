using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

namespace GhostRoll.TestSupport.LinuxAbi;

/// <summary>
/// The one check of every interop constant and struct mirror against the C headers of x86-64 and arm64
/// (docs/linux-abi.md): the manifest must name exactly what the code has, and a generated file of
/// <c>_Static_assert</c>s must compile with gcc for x86-64 and aarch64-linux-gnu-gcc for arm64, each asserting the
/// value the C# code uses on that architecture.
/// </summary>
public static class LinuxAbiCheck
{
    /// <summary>Where .ci/arm64-root puts Debian's arm64 packages (override with GRTEST_ARM64_ROOT).</summary>
    public static string Arm64Root =>
        Environment.GetEnvironmentVariable("GRTEST_ARM64_ROOT") is { Length: > 0 } root ? root : Path.Combine(Fixtures.RepoRoot, "artifacts", "arm64-root");

    /// <summary>Fails unless every interop constant, enum and struct has a manifest entry and every entry still exists.</summary>
    public static void AssertManifestMatchesCode(Assembly assembly, AbiManifest manifest)
    {
        var problems = ManifestProblems(assembly, manifest);
        Assert.True(problems.Count == 0, $"{manifest.Assembly}: the Linux ABI manifest (tests/GhostRoll.TestSupport/LinuxAbi/Manifests) and the interop code disagree:\n  " + string.Join("\n  ", problems));
    }

    /// <summary>Fails unless every per-architecture constant's selector returns the value for the architecture running now.</summary>
    public static void AssertArchitectureSplitsSelectThisArchitecture(Assembly assembly)
    {
        var problems = SplitProblems(InteropModel.Of(assembly));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>Compiles the checks for <paramref name="target"/>; fails with the compiler's messages, skips where the brief allows it.</summary>
    public static void AssertHeadersAgree(Assembly assembly, AbiManifest manifest, AbiTarget target)
    {
        var toolchain = Toolchain.For(target, manifest);
        Assert.SkipWhen(toolchain.SkipReason is not null, toolchain.SkipReason ?? "");
        Assert.True(toolchain.Failure is null, toolchain.Failure);
        var errors = Disagreements(assembly, manifest, toolchain);
        Assert.True(errors is null,
            $"{manifest.Assembly}: the interop disagrees with the {target} headers ({toolchain.Compiler}; a missing header comes from {manifest.Packages}):\n{errors}");
    }

    /// <summary>
    /// Compiles the checks for <paramref name="target"/> with some values replaced (<paramref name="overrides"/>:
    /// manifest key to value), returning the compiler's complaints or null. For negative tests.
    /// </summary>
    public static string? Disagreements(Assembly assembly, AbiManifest manifest, AbiTarget target, IReadOnlyDictionary<string, object>? overrides = null)
    {
        var toolchain = Toolchain.For(target, manifest);
        Assert.SkipWhen(toolchain.SkipReason is not null, toolchain.SkipReason ?? "");
        Assert.True(toolchain.Failure is null, toolchain.Failure);
        return Disagreements(assembly, manifest, toolchain, overrides);
    }

    public static IReadOnlyList<string> ManifestProblems(Assembly assembly, AbiManifest manifest)
    {
        var model = InteropModel.Of(assembly);
        var problems = new List<string>();
        var inCode = new Dictionary<string, string>(StringComparer.Ordinal);
        void Found(string key, string what)
        {
            if (!inCode.TryAdd(key, what))
            {
                problems.Add($"{key}: two interop members share this key; rename one");
            }
        }

        foreach (var constant in model.Constants())
        {
            Found(constant.Key, "constant");
        }

        foreach (var type in model.Structs())
        {
            Found(InteropModel.Key(type), "struct");
        }

        foreach (var type in model.Enums())
        {
            Found(InteropModel.Key(type), "enum");
        }

        foreach (var (key, what) in inCode)
        {
            if (!manifest.Entries.TryGetValue(key, out var entry))
            {
                problems.Add($"{key}: {what} has no manifest entry (map it to its C expression or type, or mark it ManagedOnly with the reason)");
                continue;
            }

            var fits = (what, entry) switch
            {
                ("constant", CConstant or ManagedOnly) => true,
                ("struct", CStruct or ManagedOnly) => true,
                ("enum", ManagedOnly) => true,
                _ => false,
            };
            if (!fits)
            {
                problems.Add($"{key}: a {what} cannot be checked as {entry.GetType().Name}{(what == "enum" ? " (mirror C enums as constants)" : "")}");
            }
        }

        foreach (var key in manifest.Entries.Keys.Where(k => !inCode.ContainsKey(k)))
        {
            problems.Add($"{key}: the manifest names it but the interop code has no such integral constant, enum or struct any more");
        }

        foreach (var (key, entry) in manifest.Entries)
        {
            if (entry is CStruct mirror && model.FindType(key) is { } type)
            {
                var fields = InteropModel.InstanceFields(type).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
                problems.AddRange(mirror.Fields.Keys.Where(f => !fields.Contains(f)).Select(f => $"{key}.{f}: renamed in the manifest but no such field"));
            }
        }

        foreach (var extra in manifest.Extras)
        {
            var (typeKey, member) = extra switch
            {
                OffsetExtra offset => (offset.CsStruct, offset.CsPath),
                ValueExtra value => (value.CsMember[..value.CsMember.LastIndexOf('.')], value.CsMember[(value.CsMember.LastIndexOf('.') + 1)..]),
                _ => throw new NotSupportedException(extra.GetType().Name),
            };
            if (model.FindType(typeKey) is null)
            {
                problems.Add($"extra fact {extra.CExpression}: no type {typeKey}");
            }
            else
            {
                try
                {
                    _ = ExtraValue(model, extra);
                }
                catch (Exception e) when (e is InvalidOperationException or TargetInvocationException or ArgumentException)
                {
                    problems.Add($"extra fact {extra.CExpression}: {member}: {e.Message}");
                }
            }
        }

        problems.AddRange(SplitProblems(model));
        return problems;
    }

    private static List<string> SplitProblems(InteropModel model)
    {
        var problems = new List<string>();
        foreach (var (owner, x64, arm64) in model.ArchitectureSplits())
        {
            if (x64 is null || arm64 is null)
            {
                problems.Add($"{InteropModel.Key(owner)}: has only one of the nested X64/Arm64 classes; per-architecture constants need both");
                continue;
            }

            static Dictionary<string, object> Values(Type t) =>
                t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic).Where(f => f.IsLiteral)
                    .ToDictionary(f => f.Name, f => f.GetRawConstantValue()!, StringComparer.Ordinal);

            var x = Values(x64);
            var a = Values(arm64);
            foreach (var name in x.Keys.Union(a.Keys))
            {
                if (!x.ContainsKey(name) || !a.ContainsKey(name))
                {
                    problems.Add($"{InteropModel.Key(owner)}.{name}: defined for one architecture only");
                    continue;
                }

                const BindingFlags Static = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
                var selector = (MemberInfo?)owner.GetProperty(name, Static) ?? owner.GetField(name, Static);
                if (selector is null)
                {
                    problems.Add($"{InteropModel.Key(owner)}.{name}: no property or field that selects X64.{name} or Arm64.{name}");
                    continue;
                }

                var expected = RuntimeInformation.ProcessArchitecture switch
                {
                    Architecture.X64 => x[name],
                    Architecture.Arm64 => a[name],
                    _ => null,
                };
                var actual = selector is PropertyInfo p ? p.GetValue(null) : ((FieldInfo)selector).GetValue(null);
                if (expected is not null && !Equals(expected, actual))
                {
                    problems.Add($"{InteropModel.Key(owner)}.{name} is {actual} on {RuntimeInformation.ProcessArchitecture}, but that architecture's constant is {expected}");
                }
            }
        }

        return problems;
    }

    /// <summary>The generated C file for <paramref name="target"/> (also written to TestResults/artifacts/linux-abi for reading).</summary>
    public static string Source(Assembly assembly, AbiManifest manifest, AbiTarget target, IReadOnlyDictionary<string, object>? overrides = null)
    {
        var model = InteropModel.Of(assembly);
        var c = new StringBuilder();
        c.Append(CultureInfo.InvariantCulture, $"/* Generated by GhostRoll.TestSupport.LinuxAbi from {manifest.Assembly}'s interop code, for {target}. */\n");
        foreach (var define in manifest.Defines)
        {
            c.Append(CultureInfo.InvariantCulture, $"#define {define}\n");
        }

        foreach (var include in manifest.Includes.Prepend("<stddef.h>").Prepend("<stdint.h>"))
        {
            c.Append(CultureInfo.InvariantCulture, $"#include {include}\n");
        }

        void Check(string what, string expression, string literal, string shown) =>
            c.Append(CultureInfo.InvariantCulture, $"_Static_assert(({expression}) == {literal}, \"{what} ({target}): {Escape(expression)} should be {shown} as in the C# code\");\n");

        foreach (var constant in model.Constants())
        {
            if ((constant.OnlyFor is { } only && only != target) || !manifest.Entries.TryGetValue(constant.Key, out var entry) || entry is not CConstant mapped)
            {
                continue;
            }

            var value = overrides?.GetValueOrDefault(constant.Key) ?? constant.Value;
            Check(constant.Key, mapped.Expression, Literal(value), Shown(value));
        }

        foreach (var type in model.Structs())
        {
            var key = InteropModel.Key(type);
            if (!manifest.Entries.TryGetValue(key, out var entry) || entry is not CStruct mirror)
            {
                continue;
            }

            var size = overrides?.GetValueOrDefault(key) is { } forced ? Convert.ToInt32(forced, CultureInfo.InvariantCulture) : InteropModel.SizeOf(type);
            c.Append(CultureInfo.InvariantCulture, $"_Static_assert(sizeof({mirror.CType}) {(mirror.Prefix ? ">=" : "==")} {size}, \"{key} ({target}): sizeof({Escape(mirror.CType)}) should be {(mirror.Prefix ? "at least " : "")}{size} as in the C# code\");\n");
            if (InteropModel.IsInlineArray(type))
            {
                continue; // the array type's size covers its one element field times its length
            }

            foreach (var field in InteropModel.InstanceFields(type))
            {
                var member = mirror.Fields.GetValueOrDefault(field.Name, field.Name);
                var offset = InteropModel.Offset(field);
                var fieldSize = InteropModel.SizeOf(field.FieldType);
                Check($"{key}.{field.Name}", $"offsetof({mirror.CType}, {member})", $"{offset}", $"{offset}");
                Check($"{key}.{field.Name}", $"sizeof((({mirror.CType} *)0)->{member})", $"{fieldSize}", $"{fieldSize}");
            }
        }

        foreach (var extra in manifest.Extras)
        {
            var value = ExtraValue(model, extra);
            Check("extra", extra.CExpression, Literal(value), Shown(value));
        }

        return c.ToString();
    }

    private static string? Disagreements(Assembly assembly, AbiManifest manifest, Toolchain toolchain, IReadOnlyDictionary<string, object>? overrides = null)
    {
        var suffix = overrides is null ? "" : "-negative";
        var path = Path.Combine(Artifacts.Dir("linux-abi"), $"{manifest.Assembly}-{toolchain.Target}{suffix}.c".ToLowerInvariant());
        File.WriteAllText(path, Source(assembly, manifest, toolchain.Target, overrides));
        var (exit, output) = toolchain.Compile(path);
        return exit == 0 ? null : output;
    }

    private static object ExtraValue(InteropModel model, AbiExtra extra)
    {
        switch (extra)
        {
            case OffsetExtra offset:
                var type = model.FindType(offset.CsStruct) ?? throw new InvalidOperationException($"no struct {offset.CsStruct}");
                return InteropModel.Offset(type, offset.CsPath);
            case ValueExtra value:
                var dot = value.CsMember.LastIndexOf('.');
                var owner = model.FindType(value.CsMember[..dot]) ?? throw new InvalidOperationException($"no type {value.CsMember[..dot]}");
                const BindingFlags Static = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;
                var name = value.CsMember[(dot + 1)..];
                return owner.GetMethod(name, Static)?.Invoke(null, value.Arguments)
                    ?? owner.GetProperty(name, Static)?.GetValue(null)
                    ?? owner.GetField(name, Static)?.GetValue(null)
                    ?? throw new InvalidOperationException($"{owner.Name} has no static member {name}");
            default:
                throw new NotSupportedException(extra.GetType().Name);
        }
    }

    /// <summary>A C literal of the exact value: unsigned long long for non-negative values, long long otherwise.</summary>
    private static string Literal(object value) => value switch
    {
        ulong u => $"{u}ULL",
        nuint n => $"{(ulong)n}ULL",
        nint n => Literal((long)n),
        char ch => $"{(int)ch}ULL",
        long.MinValue => "(-9223372036854775807LL - 1)",
        _ => Convert.ToInt64(value, CultureInfo.InvariantCulture) is var l && l >= 0 ? $"{l}ULL" : $"({value}LL)",
    };

    private static string Shown(object value) => value switch
    {
        nint n => ((long)n).ToString(CultureInfo.InvariantCulture),
        nuint n => ((ulong)n).ToString(CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };

    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    /// <summary>Which compiler and header folders check <see cref="Target"/> on this machine, or why not.</summary>
    private sealed record Toolchain(AbiTarget Target, string Compiler, IReadOnlyList<string> Arguments, string? SkipReason, string? Failure)
    {
        private static readonly Dictionary<string, string?> Machines = [];

        public static Toolchain For(AbiTarget target, AbiManifest manifest)
        {
            var host = RuntimeInformation.OSArchitecture;
            var triplet = target == AbiTarget.X64 ? "x86_64-linux-gnu" : "aarch64-linux-gnu";
            var hostTarget = host switch { Architecture.X64 => AbiTarget.X64, Architecture.Arm64 => AbiTarget.Arm64, _ => (AbiTarget?)null };
            if (hostTarget is null)
            {
                return new(target, "", [], $"the Linux ABI check runs on x86-64 and arm64 hosts, not {host}", null);
            }

            // A compiler counts only if it really targets this architecture: under qemu-aarch64 a plain "gcc" is
            // still the host's x86-64 one (and then checks the x86-64 half with its own headers).
            var native = Targets("gcc", triplet) ? "gcc" : null;
            var cross = native is null && Targets($"{triplet}-gcc", triplet) ? $"{triplet}-gcc" : null;
            if (native is null && cross is null)
            {
                var install = target == AbiTarget.X64 ? "apt-get install gcc (.ci/deps/apt-hardware.txt)" : "apt-get install gcc-aarch64-linux-gnu libc6-dev-arm64-cross (.ci/deps/apt-arm64.txt)";
                return host == Architecture.Arm64
                    ? new(target, "", [], $"no {triplet} C compiler on this arm64 machine; the x86-64 run compiles the checks for both architectures", null)
                    : new(target, "", [], null, $"no C compiler for {triplet}: {install}");
            }

            var arguments = new List<string> { "-std=gnu11", "-fsyntax-only", "-Wall", "-Werror" };
            if (native is not null)
            {
                arguments.AddRange(manifest.IncludeDirs.Select(d => $"-I/usr/include/{d}"));
                return new(target, native, arguments, null, null);
            }

            // Cross: the compiler's own sysroot has glibc and the kernel headers; the arm64 root adds per-architecture
            // library headers after it, and Multi-Arch: same headers come from the host.
            if (manifest.NeedsArm64Root)
            {
                var root = Arm64Root;
                var include = Path.Combine(root, "usr", "include");
                if (!Directory.Exists(Path.Combine(include, triplet)))
                {
                    return new(target, cross!, [], null,
                        $"{manifest.Assembly} needs {triplet} library headers ({manifest.Packages}) that the cross sysroot lacks: run .ci/arm64-root " +
                        $"(it unpacks Debian's arm64 packages to artifacts/arm64-root), or point GRTEST_ARM64_ROOT at such a root. Not found: {include}/{triplet}");
                }

                arguments.AddRange(manifest.IncludeDirs.Select(d => $"-I{include}/{d}"));
                arguments.AddRange(["-idirafter", include, "-idirafter", $"{include}/{triplet}"]);
            }

            if (manifest.PortableHeaders.Count > 0)
            {
                var shared = Path.Combine(Artifacts.Dir("linux-abi"), $"portable-headers-{manifest.Assembly}");
                Directory.CreateDirectory(shared);
                foreach (var header in manifest.PortableHeaders)
                {
                    // {host}: the multiarch folder of whatever the machine's -dev packages are (under qemu-aarch64
                    // the process is arm64 but /usr/include is still the x86-64 host's).
                    var source = new[] { "x86_64-linux-gnu", "aarch64-linux-gnu" }
                        .Select(t => Path.Combine("/usr/include", header.Replace("{host}", t, StringComparison.Ordinal)))
                        .FirstOrDefault(Path.Exists) ?? Path.Combine("/usr/include", header);
                    if (!Path.Exists(source))
                    {
                        return new(target, cross!, [], null, $"{source} is missing: apt-get install {manifest.Packages}");
                    }

                    var link = Path.Combine(shared, Path.GetFileName(source));
                    if (!Path.Exists(link))
                    {
                        File.CreateSymbolicLink(link, source);
                    }
                }

                arguments.AddRange(["-idirafter", shared]);
            }

            return new(target, cross!, arguments, null, null);
        }

        public (int ExitCode, string Output) Compile(string source) => Run(Compiler, [.. Arguments, source]);

        private static bool Targets(string compiler, string triplet)
        {
            lock (Machines)
            {
                if (!Machines.TryGetValue(compiler, out var machine))
                {
                    try
                    {
                        var (exit, output) = Run(compiler, ["-dumpmachine"]);
                        machine = exit == 0 ? output.Trim() : null;
                    }
                    catch (System.ComponentModel.Win32Exception)
                    {
                        machine = null;
                    }

                    Machines[compiler] = machine;
                }

                return machine is not null && machine.StartsWith(triplet.Split('-')[0], StringComparison.Ordinal);
            }
        }

        private static (int ExitCode, string Output) Run(string tool, IEnumerable<string> arguments)
        {
            var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, stdout.Result + stderr);
        }
    }
}
