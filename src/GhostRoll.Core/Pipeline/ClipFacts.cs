namespace GhostRoll.Pipeline;

/// <summary>
/// What the derive stage learned about a clip (a video entry's clip, or a Live Photo's motion part) without
/// decoding it: what a browser needs to decide whether it can play it, and its length.
/// </summary>
/// <param name="CardPath">Card path of the clip.</param>
/// <param name="Type">
/// MIME type with an RFC 6381 <c>codecs</c> parameter when the codec is one browsers name
/// (<c>video/quicktime; codecs="hvc1.1.6.L120.B0"</c>), else the container's type alone (<c>video/x-msvideo</c>).
/// Null when the container is unknown.
/// </param>
/// <param name="Duration">Length of the clip, when the container states one.</param>
public sealed record ClipFacts(string CardPath, string? Type, TimeSpan? Duration);
