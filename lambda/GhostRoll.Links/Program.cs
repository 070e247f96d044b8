using System.Reflection;
using GhostRoll.Configuration;
using GhostRoll.Lambda.Runtime;
using GhostRoll.Links;
using GhostRoll.Publishing.S3;
using Microsoft.Extensions.Logging;

return await LinksProgram.MainAsync(args).ConfigureAwait(false);

namespace GhostRoll.Links
{
    /// <summary>Entry point: <c>--listen HOST:PORT</c> (self-hosted), or the Lambda runtime loop when AWS_LAMBDA_RUNTIME_API is set.</summary>
    internal static class LinksProgram
    {
        public const string Help = """
            ghostroll-links: the GhostRoll short-link service (docs/short-links.md)

            Usage:
              ghostroll-links --listen HOST:PORT   serve HTTP (self-hosted; put TLS in front), e.g. --listen 127.0.0.1:8080
              ghostroll-links                      AWS Lambda custom runtime (when AWS_LAMBDA_RUNTIME_API is set)
              ghostroll-links --help | --version

            Routes:
              GET /CODE                 the gallery page of an active link (404 unknown, 410 revoked or expired)
              GET /CODE/manifest.json   the session's manifest, every URL freshly presigned for 6 hours

            Settings (environment, the same names as the appliance's; /etc/ghostroll/ghostroll.env or the file
            named by GHOSTROLL_CONFIG is read too):
              GHOSTROLL_S3_BUCKET            the private bucket holding links/CODE.json and the sessions (required)
              GHOSTROLL_S3_PREFIX_ROOT       key prefix of the sessions (default sessions/)
              GHOSTROLL_S3_ENDPOINT          S3-compatible endpoint URL (MinIO, R2, B2, Wasabi, Swift); unset = AWS
              GHOSTROLL_S3_REGION            region (default AWS_REGION, else us-east-1)
              GHOSTROLL_S3_FORCE_PATH_STYLE  true for endpoints without virtual-host buckets
            Credentials: the standard AWS chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, the
            Lambda execution role). Read-only access to links/ and the sessions prefix is all it needs.
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
                Console.Out.WriteLine($"ghostroll-links {typeof(LinksProgram).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion}");
                return 0;
            }

            using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
                o.UseUtcTimestamp = true;
            }));
            var logger = loggerFactory.CreateLogger("ghostroll-links");
            if (args is ["--listen", var listen])
            {
                return await ListenAsync(listen, logger).ConfigureAwait(false);
            }

            if (args.Length == 0 && LambdaRuntimeClient.FromEnvironment() is { } client)
            {
                using (client)
                {
                    using var stopping = new CancellationTokenSource();
                    using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
                        System.Runtime.InteropServices.PosixSignal.SIGTERM, context => { context.Cancel = true; stopping.Cancel(); });
                    return await LambdaRuntimeLoop.RunAsync(client, _ => Task.FromResult(FunctionUrlFrontEnd.Handler(CreateService(logger))),
                        logger, stopping.Token).ConfigureAwait(false);
                }
            }

            await Console.Error.WriteAsync(args.Length == 0
                ? "ghostroll-links: nothing to do: pass --listen HOST:PORT, or run under AWS Lambda (AWS_LAMBDA_RUNTIME_API)\n\n" + Help
                : $"ghostroll-links: unknown arguments '{string.Join(' ', args)}'\n\n{Help}").ConfigureAwait(false);
            return 2;
        }

        /// <summary>The service from the settings; throws <see cref="SettingsException"/> when no bucket is configured.</summary>
        public static LinkService CreateService(ILogger logger)
        {
            var settings = SettingsLoader.Load();
            if (settings.LocalOnly)
            {
                throw new SettingsException("GHOSTROLL_S3_BUCKET is not set: the link service reads links/CODE.json from that bucket");
            }

            return new LinkService(S3Connection.Create(settings), logger);
        }

        private static async Task<int> ListenAsync(string listen, ILogger logger)
        {
            LinkService service;
            System.Net.IPEndPoint endPoint;
            try
            {
                endPoint = SelfHostedServer.ParseListen(listen);
                service = CreateService(logger);
            }
            catch (Exception e) when (e is SettingsException or FormatException)
            {
                await Console.Error.WriteLineAsync($"ghostroll-links: {e.Message}").ConfigureAwait(false);
                return 2;
            }

            await using var server = await SelfHostedServer.StartAsync(service, endPoint).ConfigureAwait(false);
            logger.Listening(server.Address.ToString());
            // A stable line on stdout for scripts and tests that start it on port 0.
            await Console.Out.WriteLineAsync($"listening on {server.Address.GetLeftPart(UriPartial.Authority)}").ConfigureAwait(false);
            await Console.Out.FlushAsync().ConfigureAwait(false);
            await server.WaitForShutdownAsync().ConfigureAwait(false);
            return 0;
        }
    }
}
