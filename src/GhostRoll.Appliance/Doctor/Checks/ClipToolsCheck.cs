using GhostRoll.Doctor;

namespace GhostRoll.Appliance.Doctor.Checks;

/// <summary>
/// ffmpeg and ffprobe (Debian's ffmpeg package, a Recommends of ours): without them an import still copies every clip,
/// but clips get no poster or length in the gallery and are not published to the bucket, because their location
/// metadata could not be removed first. A warning, not a failure: photos are unaffected.
/// </summary>
public sealed class ClipToolsCheck : SyncDoctorCheck
{
    private readonly string? _searchPath;

    /// <param name="searchPath">Folders to look in, ':'-separated as in PATH (default: this process's PATH).</param>
    public ClipToolsCheck(string? searchPath = null) => _searchPath = searchPath ?? Environment.GetEnvironmentVariable("PATH");

    public override string Name => "clips";

    protected override IReadOnlyList<DoctorResult> Run()
    {
        string[] tools = ["ffmpeg", "ffprobe"];
        var found = tools.Select(tool => (tool, path: Find(tool))).ToList();
        var missing = found.Where(f => f.path is null).Select(f => f.tool).ToList();
        return
        [
            missing.Count == 0
                ? DoctorResult.Ok(Name, $"clip tools present ({string.Join(", ", found.Select(f => f.path))}): clips get posters and lengths, and are published without their location")
                : DoctorResult.Warn(Name, $"{string.Join(" and ", missing)} not found on PATH: clips are still copied, but get no poster or length and are not published to the bucket (their location could not be removed)", "Install Debian's ffmpeg package: sudo apt install ffmpeg"),
        ];
    }

    private string? Find(string tool) =>
        (_searchPath ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, tool))
            .FirstOrDefault(path => File.Exists(path) && (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0);
}
