using GhostRoll.Appliance.Cards;
using GhostRoll.Configuration;
using GhostRoll.Doctor;

namespace GhostRoll.Appliance.Doctor.Checks;

/// <summary>
/// Can cards reach GhostRoll here: mount roots for watch mode, kernel support for FAT/exFAT, and (on the
/// appliance) the udev rule and import unit.
/// </summary>
public sealed class CardSupportCheck : SyncDoctorCheck
{
    private readonly GhostRollSettings _settings;
    private readonly SystemPaths _paths;
    private readonly string _root;

    /// <param name="root">File system root for the installed rule/unit and kernel modules (tests use a folder).</param>
    public CardSupportCheck(GhostRollSettings settings, SystemPaths paths, string root = "/")
    {
        _settings = settings;
        _paths = paths;
        _root = root;
    }

    public override string Name => "cards";

    protected override IReadOnlyList<DoctorResult> Run()
    {
        var results = new List<DoctorResult>();
        var roots = _settings.MountRoots.Where(Directory.Exists).ToList();
        results.Add(roots.Count > 0
            ? DoctorResult.Ok(Name, $"watch mode looks for '{_settings.SdLabel}' under {string.Join(", ", roots)}")
            : DoctorResult.Warn(Name, $"none of the mount roots exist ({string.Join(", ", _settings.MountRoots)}): 'ghostroll watch' cannot find cards", "Set GHOSTROLL_MOUNT_ROOTS to where this system mounts cards"));

        foreach (var type in CardMounter.SupportedTypes)
        {
            results.Add(KernelSupports(type)
                ? DoctorResult.Ok(Name, $"kernel can mount {type}")
                : DoctorResult.Warn(Name, $"kernel has no {type} support (not in /proc/filesystems, no module): {(type == "vfat" ? "FAT32" : "exFAT")} cards cannot be read", $"Install the {type} kernel module, or a kernel that has it"));
        }

        var rule = Installed("etc/udev/rules.d/90-ghostroll.rules", "usr/lib/udev/rules.d/90-ghostroll.rules", "lib/udev/rules.d/90-ghostroll.rules");
        var unit = Installed("etc/systemd/system/ghostroll-import@.service", "usr/lib/systemd/system/ghostroll-import@.service", "lib/systemd/system/ghostroll-import@.service");
        results.Add((rule, unit) switch
        {
            (not null, not null) => DoctorResult.Ok(Name, $"appliance auto-import installed ({rule}, {unit}); cards are mounted read-only under {_settings.MountDir}"),
            (null, null) => DoctorResult.Ok(Name, "appliance auto-import not installed (fine on a desktop: use 'ghostroll watch')"),
            _ => DoctorResult.Warn(Name, $"appliance auto-import half installed (udev rule: {rule ?? "missing"}, unit: {unit ?? "missing"}): cards will not import on insertion", "Install both the udev rule and the unit (docs/appliance.md), or remove the one that is there"),
        });
        return results;
    }

    private string? Installed(params string[] candidates) =>
        candidates.Select(c => Path.Combine(_root, c)).FirstOrDefault(File.Exists);

    private bool KernelSupports(string type)
    {
        try
        {
            if (File.ReadLines(_paths.Filesystems).Any(line => line.Split('\t', StringSplitOptions.TrimEntries).LastOrDefault() == type))
            {
                return true;
            }

            // Not loaded yet: the module autoloads on the first mount if it is installed for the running kernel.
            var release = File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
            var modules = Path.Combine(_root, "lib/modules", release);
            var folder = type == "vfat" ? "fat" : type;
            return Directory.Exists(Path.Combine(modules, "kernel/fs", folder))
                || (File.Exists(Path.Combine(modules, "modules.builtin")) && File.ReadLines(Path.Combine(modules, "modules.builtin")).Any(l => l.Contains($"/{type}.ko", StringComparison.Ordinal)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
