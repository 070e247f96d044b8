using System.Runtime.CompilerServices;

// The display tests compile the C headers against these libc mirrors (InotifyLayoutTests). Kept beside the
// interop it exposes; the attribute allows duplicates, so another area may declare the same.
[assembly: InternalsVisibleTo("GhostRoll.Appliance.Tests")]
