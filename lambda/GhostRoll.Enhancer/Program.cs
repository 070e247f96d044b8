using System.Reflection;
using System.Runtime.InteropServices;
using GhostRoll.Configuration;
using GhostRoll.Enhancer;
using GhostRoll.Lambda.Runtime;
using GhostRoll.Logging;
using GhostRoll.Publishing.S3;
using Microsoft.Extensions.Logging;

return await EnhancerProgram.MainAsync(args).ConfigureAwait(false);

namespace GhostRoll.Enhancer
{
    /// <summary>Entry point: the Lambda runtime loop when AWS_LAMBDA_RUNTIME_API is set.</summary>
    internal static class EnhancerProgram
    {
        public const string Help = """
            ghostroll-enhancer: the GhostRoll cloud enhancer (docs/enhancement-lambda.md)

            Usage:
              ghostroll-enhancer              AWS Lambda custom runtime (when AWS_LAMBDA_RUNTIME_API is set)
              ghostroll-enhancer --enhance IN.jpg OUT.jpg
                                              enhance one file as the function would (checks the binary and its
                                              bundled libjpeg-turbo work; prints the recipe)
              ghostroll-enhancer --help | --version

            Events: SQS batches whose messages are EventBridge "Object Created" events from S3. For every share image
            PREFIX_ROOT/SESSION/share/NAME.jpg it writes PREFIX_ROOT/SESSION/enhanced/NAME.jpg (metadata
            ghostroll-source-etag names the share image's ETag; skipped when it already matches) and answers with the
            partial batch failure response: only messages that may succeed later are retried.

            Settings (environment, the same names as the appliance's):
              GHOSTROLL_S3_BUCKET            the bucket whose share images it enhances (required)
              GHOSTROLL_S3_PREFIX_ROOT       key prefix of the sessions (default sessions/)
              GHOSTROLL_S3_ENDPOINT          S3-compatible endpoint URL; unset = AWS
              GHOSTROLL_S3_REGION            region (default AWS_REGION, else us-east-1)
              GHOSTROLL_S3_FORCE_PATH_STYLE  true for endpoints without virtual-host buckets
              GHOSTROLL_LOG_LEVEL            debug, info (default), warning, error
            Credentials: the standard AWS chain (on Lambda, the execution role).
            """;

        public static async Task<int> MainAsync(string[] args)
        {
            if (args is ["--help" or "-h"])
            {
                Console.Out.Write(Help);
                return 0;
            }

            if (args is ["--version"])
            {
                Console.Out.WriteLine($"ghostroll-enhancer {typeof(EnhancerProgram).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion}");
                return 0;
            }

            if (args is ["--enhance", var input, var output])
            {
                return await EnhanceFileAsync(input, output).ConfigureAwait(false);
            }

            if (args.Length > 0 || LambdaRuntimeClient.FromEnvironment() is not { } client)
            {
                await Console.Error.WriteAsync(args.Length == 0
                    ? "ghostroll-enhancer: nothing to do: it runs under AWS Lambda (AWS_LAMBDA_RUNTIME_API)\n\n" + Help
                    : $"ghostroll-enhancer: unknown arguments '{string.Join(' ', args)}'\n\n{Help}").ConfigureAwait(false);
                return 2;
            }

            // Lambda sends stdout and stderr to the function's log group; every line passes the appliance's redactor.
            using var logging = new GhostRollLoggerProvider(LogLevel.Information, Console.Out, journald: false);
            var logger = logging.CreateLogger("ghostroll-enhancer");
            using (client)
            {
                using var stopping = new CancellationTokenSource();
                using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stopping.Cancel(); });
                S3Connection? connection = null;
                try
                {
                    return await LambdaRuntimeLoop.RunAsync(client, _ =>
                    {
                        var settings = LoadSettings();
                        logging.MinimumLevel = GhostRollLoggerProvider.ParseLevel(settings.LogLevel);
                        connection = S3Connection.Create(settings);
                        return Task.FromResult(CreateFunction(connection, logger).Handler);
                    }, logger, stopping.Token).ConfigureAwait(false);
                }
                finally
                {
                    connection?.Dispose();
                }
            }
        }

        private static async Task<int> EnhanceFileAsync(string input, string output)
        {
            try
            {
                var enhanced = Enhancing.Enhance(await File.ReadAllBytesAsync(input).ConfigureAwait(false));
                await File.WriteAllBytesAsync(output, enhanced.Jpeg).ConfigureAwait(false);
                await Console.Out.WriteLineAsync($"{output}: {enhanced.Jpeg.Length} bytes, {(enhanced.Changed ? "enhanced" : "unchanged")}, recipe {enhanced.RecipeJson}")
                    .ConfigureAwait(false);
                return 0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or GhostRoll.Imaging.ImagingException or InvalidDataException)
            {
                await Console.Error.WriteLineAsync($"ghostroll-enhancer: {input}: {e.Message}").ConfigureAwait(false);
                return 1;
            }
        }

        /// <summary>The settings; throws <see cref="SettingsException"/> when they are invalid or name no bucket.</summary>
        public static GhostRollSettings LoadSettings()
        {
            var settings = SettingsLoader.Load();
            return settings.LocalOnly
                ? throw new SettingsException(["GHOSTROLL_S3_BUCKET is not set: the enhancer reads and writes that bucket's share and enhanced images"])
                : settings;
        }

        public static EnhancerFunction CreateFunction(S3Connection connection, ILogger logger) => new(
            new EnhancerOptions
            {
                S3 = connection.Client,
                Bucket = connection.Bucket,
                PrefixRoot = connection.PrefixRoot,
                Enhance = Enhancing.Enhance,
            },
            logger);
    }
}
