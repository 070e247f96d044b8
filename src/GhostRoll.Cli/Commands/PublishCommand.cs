using System.CommandLine;
using GhostRoll.Cli.Hosting;
using GhostRoll.Pipeline;
using GhostRoll.Sessions;

namespace GhostRoll.Cli.Commands;

/// <summary>
/// <c>ghostroll publish [SESSION]</c>: finishes publishing a session whose uploads failed (network down, bucket
/// unreachable, run interrupted), without its card. Without SESSION, every publish-pending session.
/// </summary>
internal static class PublishCommand
{
    public static Command Create()
    {
        var sessionArgument = new Argument<string?>("SESSION")
        {
            Description = "Session id (shoot-YYYY-MM-DD_HHMMSS_ffffff). Default: every session that is publish-pending.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("publish", "Finish uploading a session to S3 (retries what failed; nothing is uploaded twice) and print its share link.")
        {
            sessionArgument,
        };
        command.SetAction((parse, cancel) => CliHost.RunAsync(parse, async host =>
        {
            var requested = parse.GetValue(sessionArgument);
            if (host.Settings.LocalOnly)
            {
                // Without a session named this is the periodic retry (ghostroll-publish.timer): nothing to do is fine.
                const string Local = "no S3 bucket is configured (GHOSTROLL_S3_BUCKET): there is nothing to publish to. Local galleries are in ";
                if (requested is null)
                {
                    Console.WriteLine("Nothing to publish: " + Local + host.Settings.SessionsDir);
                    return ExitCodes.Ok;
                }

                return CliHost.Fail(ExitCodes.Usage, Local + host.Settings.SessionsDir);
            }

            List<string> sessions;
            if (requested is not null)
            {
                if (!SessionId.IsSafe(requested) || host.Database.GetSession(requested) is null)
                {
                    return CliHost.Fail(ExitCodes.Usage, $"no session '{requested}' in {host.Database.Path}; session ids look like shoot-2024-05-01_101500_123456 (folders in {host.Settings.SessionsDir})");
                }

                sessions = [requested];
            }
            else
            {
                sessions = [.. host.Database.Sessions(unfinishedOnly: true).Where(s => s.State == SessionState.PublishPending).Select(s => s.SessionId)];
                if (sessions.Count == 0)
                {
                    Console.WriteLine("Nothing to publish: no session is waiting for uploads.");
                    return ExitCodes.Ok;
                }
            }

            await using var status = Composition.CreateStatusReporter(host.Settings);
            // SIGTERM (a card import taking the run lock, or systemctl stop) stops at a safe point: what was uploaded
            // is recorded and the rest stays pending.
            using var signals = ShutdownSignals.Register(cancel, out var token);
            var pipeline = new ImportPipeline(Composition.CreateImportServices(host, status));
            var exit = ExitCodes.Ok;
            foreach (var id in sessions)
            {
                if (token.IsCancellationRequested)
                {
                    // Stopped between sessions: the rest stay publish-pending for the next run.
                    return ExitCodes.Interrupted;
                }

                ImportResult result;
                try
                {
                    result = await pipeline.ResumeAsync(id, token).ConfigureAwait(false);
                }
                catch (PublishException e)
                {
                    CliHost.Fail(ExitCodes.Incomplete, $"{id}: {e.Message}");
                    exit = ExitCodes.Incomplete;
                    continue;
                }

                // The link goes to the person who asked for it (stdout), not to the log.
                Console.WriteLine($"{id}: {result.Message}");
                if (result.ShareUrl is { } url)
                {
                    Console.WriteLine(ShareLinkOutput.Line(url, result.SessionDir));
                }

                exit = Math.Max(exit, result.Outcome switch
                {
                    ImportOutcome.Interrupted => ExitCodes.Interrupted,
                    ImportOutcome.CompletedWithProblems => ExitCodes.Incomplete,
                    _ => ExitCodes.Ok,
                });
            }

            return exit;
        }));
        return command;
    }
}
