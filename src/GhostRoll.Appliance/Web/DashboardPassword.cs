using System.Runtime.InteropServices;
using System.Security.Cryptography;
using GhostRoll.Appliance.Interop;

namespace GhostRoll.Appliance.Web;

/// <summary>
/// The dashboard password as nginx's <c>auth_basic_user_file</c> reads it: <c>ghostroll:$6$salt$hash</c>, SHA-512
/// crypt (5000 rounds, 16 random salt characters) computed by the system's libcrypt, which is also what nginx calls
/// to check it. The plain password is never written anywhere.
/// </summary>
public static class DashboardPassword
{
    public const string UserName = "ghostroll";

    private const string SaltAlphabet = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>SHA-512 crypt of <paramref name="password"/> with a fresh salt (or <paramref name="setting"/>, e.g. "$6$salt").</summary>
    public static unsafe string Hash(string password, string? setting = null)
    {
        setting ??= "$6$" + RandomNumberGenerator.GetString(SaltAlphabet, 16);
        var scratch = new byte[Crypt.ScratchSize];
        fixed (byte* data = scratch)
        {
            var result = Crypt.CryptRn(password, setting, data, scratch.Length);
            var text = result is null ? null : Marshal.PtrToStringUTF8((nint)result);
            CryptographicOperations.ZeroMemory(scratch);
            return text is not null && text.StartsWith("$6$", StringComparison.Ordinal)
                ? text
                : throw new CryptographicException($"libcrypt could not hash the password (errno {Marshal.GetLastPInvokeError()}); is libcrypt1 installed?");
        }
    }

    /// <summary>The htpasswd line for nginx.</summary>
    public static string FileText(string password) => $"{UserName}:{Hash(password)}\n";
}
