using System.Diagnostics;

namespace GhostRoll.Enhancer.Tests.Support;

/// <summary>
/// Starts the real <c>ghostroll-enhancer</c> program (the build output beside the tests) with a private environment:
/// nothing of this machine's own GhostRoll settings or AWS configuration leaks in.
/// </summary>
public static class EnhancerProcess
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "ghostroll-enhancer.dll");

    public static Process Start(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Dll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("GHOSTROLL_", StringComparison.Ordinal) || k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(name);
        }

        info.Environment["GHOSTROLL_CONFIG"] = "/dev/null";
        info.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        info.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        info.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        return Process.Start(info) ?? throw new InvalidOperationException("could not start ghostroll-enhancer");
    }
}
