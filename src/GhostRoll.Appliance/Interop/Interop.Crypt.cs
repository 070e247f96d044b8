using System.Runtime.InteropServices;

namespace GhostRoll.Appliance.Interop;

/// <summary>
/// libxcrypt's reentrant crypt: <c>char *crypt_rn(const char *phrase, const char *setting, void *data, int size)</c>
/// (crypt(3)). It hashes into the caller's scratch area (a <c>struct crypt_data</c>, 32768 bytes in libxcrypt) and
/// returns a pointer into it, or NULL with errno set for an unsupported or malformed setting.
/// </summary>
internal static partial class Crypt
{
    /// <summary>
    /// Size of the scratch area we pass: twice sizeof(struct crypt_data) of libxcrypt 4.x (32768). crypt_rn only
    /// needs at least that much and refuses a smaller area (ERANGE), so a future larger struct fails loudly.
    /// </summary>
    internal const int ScratchSize = 65536;

    [LibraryImport(Libraries.Libcrypt, EntryPoint = "crypt_rn", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial byte* CryptRn(string phrase, string setting, byte* data, int size);
}
