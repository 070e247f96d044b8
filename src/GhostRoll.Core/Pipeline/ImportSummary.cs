using GhostRoll.Storage;

namespace GhostRoll.Pipeline;

/// <summary>What a finished import says about copying, in the words the CLI prints (one place, so tests read the same text).</summary>
public static class ImportSummary
{
    /// <summary>The "copied" line, then a "failed" line when some files could not be copied.</summary>
    public static IEnumerable<string> CopyLines(ImportResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        // The bytes that really reached the disk, not the card's new bytes: when reads fail they differ.
        var verified = result.Copied > 0 ? ", verified" : "";
        yield return $"copied   {result.Copied} new files ({Bytes.Format(result.CopiedBytes)}{verified}), {result.Duplicates} duplicates, " +
                     $"{result.Skipped} imported before, {result.Ignored} ignored";
        if (result.Failed > 0)
        {
            yield return $"failed   {result.Failed} files could not be copied: re-insert the card to retry them (each file's error is in ghostroll.log)";
        }
    }
}
