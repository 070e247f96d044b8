using System.Runtime.InteropServices;

namespace GhostRoll.Appliance.Interop;

/// <summary>
/// libxcrypt's reentrant crypt: <c>char *crypt_rn(const char *phrase, const char *setting, void *data, int size)</c>
/// (crypt(3)). It hashes into the caller's scratch area (a <c>struct crypt_data</c>, 32768 bytes in libxcrypt) and
/// returns a pointer into it, or NULL with errno set for an unsupported or malformed setting.
/// </summary>
internal static partial class Crypt
{
    /// <summary>sizeof(struct crypt_data) in libxcrypt 4.x (crypt.h: CRYPT_DATA_RESERVED_SIZE 767 + internal 30720 + ...).</summary>
    internal const int CryptDataSize = 32768;

    [LibraryImport(Libraries.Libcrypt, EntryPoint = "crypt_rn", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial byte* CryptRn(string phrase, string setting, byte* data, int size);
}
