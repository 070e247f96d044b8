namespace GhostRoll.Imaging.Interop;

/// <summary>
/// Counts native resources (codec handles, pixel mappings, colour transforms) created and released, so a test
/// can fail when a code path leaks one. Counting is two interlocked adds per resource: free next to a decode.
/// </summary>
internal static class NativeResources
{
    private static long s_created;
    private static long s_released;

    /// <summary>Native resources created and not yet released, across all threads.</summary>
    public static long Live => Interlocked.Read(ref s_created) - Interlocked.Read(ref s_released);

    public static long Created => Interlocked.Read(ref s_created);

    internal static void OnCreated() => Interlocked.Increment(ref s_created);

    internal static void OnReleased() => Interlocked.Increment(ref s_released);
}
