namespace GhostRoll.TestSupport.LinuxAbi;

/// <summary>The two architectures GhostRoll runs on: x86-64 (laptops, CI) and arm64 (Raspberry Pi).</summary>
public enum AbiTarget
{
    X64,
    Arm64,
}

/// <summary>
/// What one interop constant, enum or struct of a src assembly is in C. Keys are the type's nesting path without its
/// namespace (<c>Libc.O_RDONLY</c>, <c>Statx.StatxBuffer</c>, <c>Libc.Arm64.O_DIRECTORY</c>).
/// </summary>
public abstract record AbiEntry;

/// <summary>A constant whose value must equal <paramref name="Expression"/> (any C integer expression, or a pointer constant cast to intptr_t).</summary>
public sealed record CConstant(string Expression) : AbiEntry;

/// <summary>
/// A constant, enum or struct that has no C counterpart (a buffer size we chose, a managed sentinel): listed so that
/// every new one is a decision, with the reason.
/// </summary>
public sealed record ManagedOnly(string Reason) : AbiEntry;

/// <summary>
/// A struct mirror: <paramref name="CType"/> (<c>struct statx</c>, <c>FT_Bitmap</c>, <c>union i2c_smbus_data</c>,
/// or an array type for an [InlineArray]). Its size must equal sizeof(CType) (with <paramref name="Prefix"/>: not
/// exceed it, for mirrors of a leading part of a bigger record). Every C# field is checked for offset and size
/// against the C member of the same name unless <see cref="Fields"/> renames it.
/// </summary>
public sealed record CStruct(string CType, bool Prefix = false) : AbiEntry
{
    /// <summary>C# field name to C member designator, where they differ.</summary>
    public IReadOnlyDictionary<string, string> Fields { get; init; } = new Dictionary<string, string>();
}

/// <summary>A fact beyond one constant or field: nested offsets, aliases of a union member, results of a C macro.</summary>
public abstract record AbiExtra(string CExpression);

/// <summary>
/// <c>offsetof(CType, CDesignator)</c> equals the offset of <paramref name="CsPath"/> (fields separated by dots,
/// <c>[i]</c> indexing fixed buffers and inline arrays) in the struct <paramref name="CsStruct"/>.
/// </summary>
public sealed record OffsetExtra(string CType, string CDesignator, string CsStruct, string CsPath)
    : AbiExtra($"offsetof({CType}, {CDesignator})");

/// <summary><paramref name="CExpression"/> equals what the static member <paramref name="CsMember"/> (Type.Member) returns for <paramref name="Arguments"/>.</summary>
public sealed record ValueExtra(string CExpression, string CsMember, params object[] Arguments) : AbiExtra(CExpression);

/// <summary>Everything needed to check one src assembly's interop against the C headers of both architectures.</summary>
public sealed class AbiManifest
{
    /// <summary>The assembly's name, for messages and file names.</summary>
    public required string Assembly { get; init; }

    /// <summary>Macros defined before any include (<c>_GNU_SOURCE</c>).</summary>
    public IReadOnlyList<string> Defines { get; init; } = [];

    /// <summary>What follows <c>#include</c>: <c>&lt;fcntl.h&gt;</c>, or a macro such as <c>FT_FREETYPE_H</c>.</summary>
    public required IReadOnlyList<string> Includes { get; init; }

    /// <summary>Folders under usr/include to add with -I (<c>freetype2</c>).</summary>
    public IReadOnlyList<string> IncludeDirs { get; init; } = [];

    /// <summary>
    /// Headers (files or folders under /usr/include) of Multi-Arch: same -dev packages that hold no per-architecture
    /// configuration (turbojpeg.h, lcms2.h, libheif/): dpkg requires such shared files to be byte-identical
    /// on every architecture, so the aarch64 compile takes the host's copy when its own sysroot lacks them.
    /// <c>{host}/</c> names the host's multiarch folder, for headers Debian installs there although nothing in them
    /// depends on the architecture (libheif).
    /// </summary>
    public IReadOnlyList<string> PortableHeaders { get; init; } = [];

    /// <summary>
    /// True when a header is per-architecture and not in the aarch64 cross sysroot (jpeglib.h's jconfig.h, FreeType):
    /// the aarch64 compile then needs the arm64 root of .ci/arm64-root.
    /// </summary>
    public bool NeedsArm64Root { get; init; }

    /// <summary>Debian packages that provide the headers, for the message when they are missing.</summary>
    public string Packages { get; init; } = "";

    public required IReadOnlyDictionary<string, AbiEntry> Entries { get; init; }

    public IReadOnlyList<AbiExtra> Extras { get; init; } = [];
}
