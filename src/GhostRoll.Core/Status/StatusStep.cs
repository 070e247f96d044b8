using System.Text.Json;
using System.Text.Json.Serialization;

namespace GhostRoll.Status;

/// <summary>
/// What an import (or the appliance waiting for one) is doing: <c>step</c> in status.json, beside
/// <see cref="StatusDocument.State"/>. The pipeline and the appliance's import and watch code write it; screens,
/// the CLI's progress line and <c>ghostroll status</c> read it. In status.json each step is the lower-case word
/// of <see cref="StatusSteps.Name"/>, as in the original tool.
/// </summary>
[JsonConverter(typeof(StatusStepJsonConverter))]
public enum StatusStep
{
    /// <summary>"idle": nothing to do (also what a status without a step reads as).</summary>
    Idle,

    /// <summary>"watch": waiting for a card with the configured label.</summary>
    Watch,

    /// <summary>"detected": a card is in, not yet opened.</summary>
    Detected,

    /// <summary>"mount": opening the card read-only.</summary>
    Mount,

    /// <summary>"scan": listing and fingerprinting the card's files.</summary>
    Scan,

    /// <summary>"noop": the card had nothing new.</summary>
    Noop,

    /// <summary>"ingest": copying and verifying new files.</summary>
    Ingest,

    /// <summary>"process": making share images and thumbnails.</summary>
    Process,

    /// <summary>"upload": sending the session to the bucket.</summary>
    Upload,

    /// <summary>"publish": finishing the gallery.</summary>
    Publish,

    /// <summary>"done": the import finished (state says how well).</summary>
    Done,

    /// <summary>"removed": the card was taken out.</summary>
    Removed,

    /// <summary>"interrupted": the import stopped before it finished; the next insert resumes it.</summary>
    Interrupted,

    /// <summary>"error": the appliance could not import the card.</summary>
    Error,

    /// <summary>
    /// A step this version does not know: status.json is written by another process, maybe another version, or by
    /// hand, and a reader must show something rather than fail. Never written by this version's importer.
    /// </summary>
    Unknown,
}

/// <summary>The status.json words of <see cref="StatusStep"/>.</summary>
public static class StatusSteps
{
    /// <summary>The word in status.json ("ingest"), also the step's key in <see cref="StatusDocument.Progress"/>.</summary>
    public static string Name(this StatusStep step) => step switch
    {
        StatusStep.Idle => "idle",
        StatusStep.Watch => "watch",
        StatusStep.Detected => "detected",
        StatusStep.Mount => "mount",
        StatusStep.Scan => "scan",
        StatusStep.Noop => "noop",
        StatusStep.Ingest => "ingest",
        StatusStep.Process => "process",
        StatusStep.Upload => "upload",
        StatusStep.Publish => "publish",
        StatusStep.Done => "done",
        StatusStep.Removed => "removed",
        StatusStep.Interrupted => "interrupted",
        StatusStep.Error => "error",
        _ => "unknown",
    };

    /// <summary>
    /// The step a word from status.json names. "copy", "derive", "presign" and "gallery" are the original tool's
    /// words for the same work, so its status reads as ours; anything else is <see cref="StatusStep.Unknown"/>.
    /// </summary>
    public static StatusStep Parse(string? name) => name switch
    {
        "idle" => StatusStep.Idle,
        "watch" => StatusStep.Watch,
        "detected" => StatusStep.Detected,
        "mount" => StatusStep.Mount,
        "scan" => StatusStep.Scan,
        "noop" => StatusStep.Noop,
        "ingest" or "copy" => StatusStep.Ingest,
        "process" or "derive" => StatusStep.Process,
        "upload" => StatusStep.Upload,
        "publish" or "presign" or "gallery" => StatusStep.Publish,
        "done" => StatusStep.Done,
        "removed" => StatusStep.Removed,
        "interrupted" => StatusStep.Interrupted,
        "error" => StatusStep.Error,
        _ => StatusStep.Unknown,
    };
}

/// <summary>
/// Writes a step as its word and reads any JSON value without failing (an unknown word, a number, null: <see
/// cref="StatusStep.Unknown"/>), so one odd field never costs a reader the whole status. No reflection: AOT-safe.
/// </summary>
internal sealed class StatusStepJsonConverter : JsonConverter<StatusStep>
{
    public override StatusStep Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return StatusSteps.Parse(reader.GetString());
        }

        reader.Skip();
        return StatusStep.Unknown;
    }

    public override void Write(Utf8JsonWriter writer, StatusStep value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Name());
    }
}
