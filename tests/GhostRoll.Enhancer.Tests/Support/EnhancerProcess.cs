using System.Diagnostics;
using GhostRoll.TestSupport;

namespace GhostRoll.Enhancer.Tests.Support;

/// <summary>Starts the real <c>ghostroll-enhancer</c> program (the build output beside the tests), as <see cref="LambdaProgram"/> does.</summary>
public static class EnhancerProcess
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "ghostroll-enhancer.dll");

    public static Process Start(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment) =>
        LambdaProgram.Start("ghostroll-enhancer", arguments, environment);
}
