namespace GhostRoll.Doctor;

public enum DoctorStatus
{
    Ok,
    Warn,
    Fail,
}

/// <summary>
/// One line of <c>ghostroll doctor</c>: what was checked, how it went and, for WARN/FAIL, what to do about it. The one
/// result type of every doctor check: the appliance's local checks, the hardware probes and publishing's S3 and
/// link-service checks all report these, and <c>DoctorReport</c> renders them.
/// </summary>
/// <param name="Status">OK, WARN or FAIL: any FAIL makes doctor exit 1.</param>
/// <param name="Check">The short name of the check, shown in the second column.</param>
/// <param name="Message">What was found: for OK what works, for WARN/FAIL what happened and what it breaks.</param>
/// <param name="Advice">
/// What to do about a WARN/FAIL (a command, a setting to change); null for OK. Kept apart from
/// <paramref name="Message"/> so the report can show it on its own line and tests can tell a finding from its remedy.
/// </param>
public sealed record DoctorResult(DoctorStatus Status, string Check, string Message, string? Advice = null)
{
    public static DoctorResult Ok(string check, string message) => new(DoctorStatus.Ok, check, message);

    public static DoctorResult Warn(string check, string message, string? advice = null) => new(DoctorStatus.Warn, check, message, advice);

    public static DoctorResult Fail(string check, string message, string? advice = null) => new(DoctorStatus.Fail, check, message, advice);

    public override string ToString() =>
        $"{Status switch { DoctorStatus.Ok => "OK  ", DoctorStatus.Warn => "WARN", _ => "FAIL" }} {Check}: {Message}{(Advice is null ? "" : $" → {Advice}")}";
}

/// <summary>
/// A group of doctor checks. The appliance's local checks live in its <c>Doctor/Checks/</c>; other components
/// contribute their own (S3 and the link service from publishing, panel and battery probes from hardware) by adding
/// an <see cref="IDoctorCheck"/> to the list the <c>doctor</c> verb assembles.
/// </summary>
public interface IDoctorCheck
{
    /// <summary>Short name shown in the second column.</summary>
    string Name { get; }

    /// <summary>Runs the check. May return several lines (one per library, per folder ...). Should not throw; if it does, doctor reports a FAIL.</summary>
    Task<IReadOnlyList<DoctorResult>> RunAsync(CancellationToken cancellationToken);
}

/// <summary>Base for checks that are quick and synchronous (file system, native library probes).</summary>
public abstract class SyncDoctorCheck : IDoctorCheck
{
    public abstract string Name { get; }

    public Task<IReadOnlyList<DoctorResult>> RunAsync(CancellationToken cancellationToken) => Task.FromResult(Run());

    protected abstract IReadOnlyList<DoctorResult> Run();
}
