using System.CommandLine;
using GhostRoll.Cli.Hosting;
using GhostRoll.Pipeline;

namespace GhostRoll.Cli.Commands;

/// <summary><c>ghostroll run VOLUME</c>: import one mounted card (the original tool's main verb).</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var volumeArgument = new Argument<string?>("VOLUME") { Description = "Root of a mounted card (the folder that contains DCIM/).", Arity = ArgumentArity.ZeroOrOne };
        var volumeOption = new Option<string?>("--volume") { Description = "Same as VOLUME." };
        var always = new Option<bool>("--always-create-session") { Description = "Create a session (and gallery) even when nothing is new." };
        var sessionId = new Option<string?>("--session-id") { Description = "Session id to use instead of shoot-YYYY-MM-DD_HHMMSS_ffffff." };
        var command = new Command("run", "Import a mounted card: copy new files (verified), make share images, build the gallery, publish.")
        {
            volumeArgument, volumeOption, always, sessionId,
        };
        command.SetAction((parse, cancel) => CliHost.RunAsync(parse, async host =>
        {
            var volume = parse.GetValue(volumeOption) ?? parse.GetValue(volumeArgument);
            if (string.IsNullOrWhiteSpace(volume))
            {
                return CliHost.Fail(ExitCodes.Usage, "run needs the card's folder: ghostroll run /media/auto-import");
            }

            var request = new ImportRequest(volume) { AlwaysCreateSession = parse.GetValue(always), SessionId = parse.GetValue(sessionId) };
            var result = await ImportRunner.RunAsync(host, request, cancel).ConfigureAwait(false);
            return ImportRunner.ExitCodeOf(result);
        }));
        return command;
    }
}

/// <summary>Runs an import with the composed services and prints the outcome for people (stdout) and scripts (exit code).</summary>
internal static class ImportRunner
{
    public static async Task<ImportResult> RunAsync(CliHost host, ImportRequest request, CancellationToken cancellationToken)
    {
        await using var status = Composition.CreateStatusReporter(host.Settings);
        using var signals = ShutdownSignals.Register(cancellationToken, out var token);
        try
        {
            var pipeline = new ImportPipeline(Composition.CreateImportServices(host, status));
            ImportResult result;
            using (ShowProgress(status))
            {
                result = await pipeline.RunAsync(request, token).ConfigureAwait(false);
            }

            Print(result);
            return result;
        }
        catch (ImportException e)
        {
            status.Update(s => s with { State = Status.StatusStates.Error, Step = Status.StatusStep.Error, Message = e.Message, LastError = e.Message });
            throw;
        }
    }

    /// <summary>
    /// The run's progress on standard error while it works: a live line on a terminal, plain lines otherwise
    /// (journald, a pipe). Disposing detaches it and clears the live line before the summary.
    /// </summary>
    public static IDisposable ShowProgress(Status.StatusReporter status)
    {
        var terminal = !Console.IsErrorRedirected;
        var sink = new Status.TerminalProgressSink(Console.Error, terminal, terminal ? TerminalWidth() : 80);
        var attached = status.Attach(sink);
        return new Detach(attached, sink);
    }

    private static int TerminalWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : 80;
        }
        catch (IOException)
        {
            return 80;
        }
    }

    private sealed class Detach(IDisposable attached, IDisposable sink) : IDisposable
    {
        public void Dispose()
        {
            attached.Dispose();
            sink.Dispose();
        }
    }

    public static void Print(ImportResult result)
    {
        if (result.Outcome == ImportOutcome.NoNewFiles)
        {
            Console.WriteLine($"no new files ({result.Discovered} on the card, all imported before)");
            return;
        }

        if (result.SessionId is null)
        {
            Console.WriteLine(result.Message);
            return;
        }

        Console.WriteLine($"session  {result.SessionId}");
        Console.WriteLine($"folder   {result.SessionDir}");
        Console.WriteLine($"gallery  {result.GalleryPath}" + (Status.StatusWords.Media(result.Photos, result.Clips) is { } media ? $" ({media})" : ""));
        if (result.ShareUrl is { } url)
        {
            Console.WriteLine(ShareLinkOutput.Line(url, result.SessionDir));
        }

        foreach (var line in ImportSummary.CopyLines(result))
        {
            Console.WriteLine(line);
        }

        if (result.DeriveErrors > 0)
        {
            Console.WriteLine($"no picture for {result.DeriveErrors} files (originals kept; see ghostroll.log)");
        }

        if (result.PublishPending)
        {
            Console.WriteLine("publish  pending: the next run or 'ghostroll publish " + result.SessionId + "' finishes it");
        }

        if (result.Outcome == ImportOutcome.Interrupted)
        {
            Console.WriteLine("stopped  before the end; the next run with this card resumes");
        }
    }

    public static int ExitCodeOf(ImportResult result) => result.Outcome switch
    {
        ImportOutcome.NoNewFiles or ImportOutcome.Completed => ExitCodes.Ok,
        ImportOutcome.Interrupted => ExitCodes.Interrupted,
        _ => ExitCodes.Incomplete,
    };
}
