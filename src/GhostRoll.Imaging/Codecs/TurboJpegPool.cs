using System.Collections.Concurrent;
using GhostRoll.Imaging.Interop;

namespace GhostRoll.Imaging.Codecs;

/// <summary>
/// Reuses TurboJPEG handles across photos and threads: a handle carries libjpeg's allocated state, and the
/// deriver decodes hundreds of photos on a few workers. At most <see cref="MaxKept"/> of each kind stay pooled.
/// </summary>
internal static class TurboJpegPool
{
    private const int MaxKept = 8;
    private static readonly ConcurrentBag<TurboJpegHandle> s_decompressors = [];

    public static Lease Decompressor() => new(s_decompressors.TryTake(out var h) ? h : TurboJpegHandle.CreateDecompressor(), s_decompressors);

    internal readonly struct Lease(TurboJpegHandle handle, ConcurrentBag<TurboJpegHandle> home) : IDisposable
    {
        public TurboJpegHandle Handle { get; } = handle;

        public void Dispose()
        {
            if (home.Count < MaxKept)
            {
                home.Add(Handle);
            }
            else
            {
                Handle.Dispose();
            }
        }
    }
}
