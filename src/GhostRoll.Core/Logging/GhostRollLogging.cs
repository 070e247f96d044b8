using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace GhostRoll.Logging;

/// <summary>
/// GhostRoll's logging: one provider, two kinds of sink. The console sink writes journald priority prefixes
/// (<c>&lt;6&gt;</c>) when systemd runs us (so <c>journalctl -p warning</c> works) and plain timestamped lines
/// otherwise; a session sink appends to the session's <c>ghostroll.log</c>. Every line passes
/// <see cref="LogRedactor"/> first.
/// </summary>
public sealed class GhostRollLoggerProvider : ILoggerProvider, ILoggerFactory
{
    private readonly Lock _gate = new();
    private readonly TextWriter _console;
    private readonly bool _journald;
    private StreamWriter? _sessionLog;

    public GhostRollLoggerProvider(LogLevel minimumLevel = LogLevel.Information, TextWriter? console = null, bool? journald = null)
    {
        MinimumLevel = minimumLevel;
        _console = console ?? Console.Error;
        _journald = journald ?? !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("JOURNAL_STREAM"));
    }

    public LogLevel MinimumLevel { get; set; }

    /// <summary>Lines written at warning level or above since creation (for exit summaries).</summary>
    public int Warnings { get; private set; }

    public static LogLevel ParseLevel(string name) => name.ToLowerInvariant() switch
    {
        "debug" => LogLevel.Debug,
        "warning" or "warn" => LogLevel.Warning,
        "error" => LogLevel.Error,
        _ => LogLevel.Information,
    };

    /// <summary>Starts appending to a session's log file (until <see cref="DetachSessionLog"/>).</summary>
    public void AttachSessionLog(string path)
    {
        lock (_gate)
        {
            _sessionLog?.Dispose();
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            _sessionLog = new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true };
        }
    }

    public void DetachSessionLog()
    {
        lock (_gate)
        {
            _sessionLog?.Dispose();
            _sessionLog = null;
        }
    }

    public ILogger CreateLogger(string categoryName) => new GhostRollLogger(this, categoryName);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException("GhostRoll uses a single logger provider");

    internal void Write(LogLevel level, string category, string message, Exception? exception)
    {
        var text = LogRedactor.Redact(exception is null ? message : $"{message}: {Describe(exception, level)}");
        var now = DateTime.Now;
        lock (_gate)
        {
            if (level >= LogLevel.Warning)
            {
                Warnings++;
            }

            foreach (var line in text.Split('\n'))
            {
                if (_journald)
                {
                    _console.Write('<');
                    _console.Write(SyslogPriority(level));
                    _console.Write('>');
                    _console.WriteLine(line);
                }
                else
                {
                    _console.WriteLine($"{now.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} {Label(level)} {line}");
                }

                _sessionLog?.WriteLine($"{now.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture)} {Label(level)} [{ShortCategory(category)}] {line}");
            }

            _console.Flush();
        }
    }

    // Stack traces only at debug: users read these lines; the message already says what and where.
    private string Describe(Exception e, LogLevel level) => MinimumLevel <= LogLevel.Debug ? e.ToString() : $"{e.GetType().Name}: {e.Message}";

    private static int SyslogPriority(LogLevel level) => level switch
    {
        LogLevel.Critical => 2,
        LogLevel.Error => 3,
        LogLevel.Warning => 4,
        LogLevel.Information => 6,
        _ => 7,
    };

    private static string Label(LogLevel level) => level switch
    {
        LogLevel.Critical or LogLevel.Error => "ERROR",
        LogLevel.Warning => "WARN ",
        LogLevel.Information => "INFO ",
        _ => "DEBUG",
    };

    private static string ShortCategory(string category)
    {
        var dot = category.LastIndexOf('.');
        return dot >= 0 ? category[(dot + 1)..] : category;
    }

    public void Dispose() => DetachSessionLog();

    private sealed class GhostRollLogger(GhostRollLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= owner.MinimumLevel;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner.Write(logLevel, category, formatter(state, exception), exception);
            }
        }
    }
}
