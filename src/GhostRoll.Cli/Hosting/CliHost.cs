using System.CommandLine;
using GhostRoll.Configuration;
using GhostRoll.Logging;
using GhostRoll.Pipeline;
using GhostRoll.Storage;
using Microsoft.Extensions.Logging;

namespace GhostRoll.Cli.Hosting;

/// <summary>Exit codes of <c>ghostroll</c> (also documented in README).</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Something failed; one line on stderr says what and what to do.</summary>
    public const int Failure = 1;

    /// <summary>Bad command line or settings.</summary>
    public const int Usage = 2;

    /// <summary>The run finished but left work for later (files that failed to copy, uploads pending).</summary>
    public const int Incomplete = 3;

    /// <summary>Interrupted (card removed, SIGTERM); the journal is intact and the next run resumes.</summary>
    public const int Interrupted = 4;
}

/// <summary>
/// Per-invocation services: settings (file &lt; environment &lt; flags), logging, the database. Also the single
/// place that turns known failures into one clear stderr line and an exit code.
/// </summary>
internal sealed class CliHost : IDisposable
{
    private GhostRollDatabase? _database;

    private CliHost(GhostRollSettings settings, GhostRollLoggerProvider logging)
    {
        Settings = settings;
        Logging = logging;
        Logger = logging.CreateLogger("GhostRoll");
    }

    public GhostRollSettings Settings { get; }

    public GhostRollLoggerProvider Logging { get; }

    public ILogger Logger { get; }

    public GhostRollDatabase Database => _database ??= GhostRollDatabase.Open(Settings.DbPath);

    public static CliHost Create(ParseResult parse, IEnumerable<KeyValuePair<string, string>>? extraFlags = null)
    {
        var flags = (parse.GetValue(GlobalOptions.Set) ?? []).Select(SettingsLoader.ParseAssignment).ToList();
        flags.AddRange(extraFlags ?? []);
        var settings = SettingsLoader.Load(flags, parse.GetValue(GlobalOptions.Config));
        var level = parse.GetValue(GlobalOptions.Verbose) ? LogLevel.Debug : GhostRollLoggerProvider.ParseLevel(settings.LogLevel);
        return new CliHost(settings, new GhostRollLoggerProvider(level));
    }

    /// <summary>Runs a verb, mapping known failures to a one-line message and an exit code.</summary>
    public static async Task<int> RunAsync(ParseResult parse, Func<CliHost, Task<int>> body, IEnumerable<KeyValuePair<string, string>>? extraFlags = null)
    {
        CliHost host;
        try
        {
            host = Create(parse, extraFlags);
        }
        catch (SettingsException e)
        {
            return Fail(ExitCodes.Usage, e.Problems.Count == 1 ? e.Problems[0] : "invalid settings:\n  " + string.Join("\n  ", e.Problems));
        }

        using (host)
        {
            try
            {
                return await body(host).ConfigureAwait(false);
            }
            catch (SettingsException e)
            {
                return Fail(ExitCodes.Usage, string.Join("; ", e.Problems));
            }
            catch (ImportException e)
            {
                return Fail(ExitCodes.Failure, e.Message);
            }
            catch (DatabaseException e)
            {
                return Fail(ExitCodes.Failure, e.Message);
            }
            catch (DiskFullException e)
            {
                return Fail(ExitCodes.Failure, e.Message);
            }
            catch (OperationCanceledException)
            {
                return Fail(ExitCodes.Interrupted, "interrupted; the next run resumes where this one stopped");
            }
        }
    }

    public static int Fail(int code, string message)
    {
        Console.Error.WriteLine("ghostroll: " + LogRedactor.Redact(message));
        return code;
    }

    public void Dispose()
    {
        _database?.Dispose();
        Logging.Dispose();
    }
}
