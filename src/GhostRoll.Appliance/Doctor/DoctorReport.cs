using System.Text;
using GhostRoll.Doctor;
using GhostRoll.Logging;

namespace GhostRoll.Appliance.Doctor;

/// <summary>Runs doctor checks in order and renders the OK/WARN/FAIL list. The exit code is 1 when anything failed.</summary>
public sealed class DoctorReport
{
    private DoctorReport(IReadOnlyList<DoctorResult> results) => Results = results;

    public IReadOnlyList<DoctorResult> Results { get; }

    public bool Failed => Results.Any(r => r.Status == DoctorStatus.Fail);

    public int ExitCode => Failed ? 1 : 0;

    public static async Task<DoctorReport> RunAsync(IEnumerable<IDoctorCheck> checks, CancellationToken cancellationToken)
    {
        var results = new List<DoctorResult>();
        foreach (var check in checks)
        {
            try
            {
                results.AddRange(await check.RunAsync(cancellationToken).ConfigureAwait(false));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A broken check must not hide the others; its failure is itself worth a FAIL line.
                results.Add(DoctorResult.Fail(check.Name, $"the check itself failed: {e.GetType().Name}: {e.Message}", "run 'ghostroll doctor' again; if this line stays, report it with the message above"));
            }
        }

        return new DoctorReport(results);
    }

    /// <summary>
    /// <c>OK    database      quick_check ok</c> lines, names padded to one column, then a summary line. A WARN/FAIL's
    /// advice follows on a line of its own under the message (<c>→ sudo apt-get install libheif1</c>), so what to do
    /// stands out from what happened. Messages and advice pass the log redactor: a doctor run pasted into an issue must
    /// not leak a signature.
    /// </summary>
    public string Render()
    {
        var width = Results.Count == 0 ? 0 : Results.Max(r => r.Check.Length);
        var text = new StringBuilder();
        foreach (var r in Results)
        {
            var label = r.Status switch
            {
                DoctorStatus.Ok => "OK  ",
                DoctorStatus.Warn => "WARN",
                _ => "FAIL",
            };
            text.Append(label).Append("  ").Append(r.Check.PadRight(width)).Append("  ").AppendLine(LogRedactor.Redact(r.Message));
            if (r.Advice is not null)
            {
                text.Append(' ', label.Length + 2 + width + 2).Append("→ ").AppendLine(LogRedactor.Redact(r.Advice));
            }
        }

        var warnings = Results.Count(r => r.Status == DoctorStatus.Warn);
        var failures = Results.Count(r => r.Status == DoctorStatus.Fail);
        text.AppendLine()
            .Append(Results.Count(r => r.Status == DoctorStatus.Ok)).Append(" OK, ")
            .Append(warnings).Append(warnings == 1 ? " warning, " : " warnings, ")
            .Append(failures).Append(failures == 1 ? " failure" : " failures")
            .AppendLine(failures > 0 ? ": fix the FAIL lines above, then run 'ghostroll doctor' again." : ".");
        return text.ToString();
    }
}
