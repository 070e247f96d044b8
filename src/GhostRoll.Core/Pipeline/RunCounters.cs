namespace GhostRoll.Pipeline;

/// <summary>The progress of one session run at one moment (every figure from the same instant).</summary>
internal sealed record RunCounts(int Copied, long CopiedBytes, int Duplicates, int Failed, int Derived, int DeriveErrors, int Published, int PublishFailures);

/// <summary>
/// What one session run has done so far, counted by its three stages from many workers at once. One lock rather than
/// a field each, so a snapshot never shows a copy counted without its bytes, or a derive error without its derive.
/// </summary>
internal sealed class RunCounters
{
    private readonly Lock _gate = new();
    private int _copied;
    private long _copiedBytes;
    private int _duplicates;
    private int _failed;
    private int _derived;
    private int _deriveErrors;
    private int _published;
    private int _publishFailures;

    /// <summary>A file was copied and kept; returns the files copied so far.</summary>
    public int FileCopied(long bytes)
    {
        lock (_gate)
        {
            _copiedBytes += bytes;
            return ++_copied;
        }
    }

    public void DuplicateFound()
    {
        lock (_gate)
        {
            _duplicates++;
        }
    }

    public void CopyFailed()
    {
        lock (_gate)
        {
            _failed++;
        }
    }

    /// <summary>A group was derived (with a picture or, when <paramref name="failed"/>, without); returns the groups derived so far.</summary>
    public int GroupDerived(bool failed)
    {
        lock (_gate)
        {
            if (failed)
            {
                _deriveErrors++;
            }

            return ++_derived;
        }
    }

    /// <summary>An entry reached every publisher; returns the entries published so far.</summary>
    public int EntryPublished()
    {
        lock (_gate)
        {
            return ++_published;
        }
    }

    /// <summary>A publisher did not take an entry (its destination is down, or it failed): the entry waits for the next run.</summary>
    public void PublishFailed()
    {
        lock (_gate)
        {
            _publishFailures++;
        }
    }

    public RunCounts Snapshot()
    {
        lock (_gate)
        {
            return new RunCounts(_copied, _copiedBytes, _duplicates, _failed, _derived, _deriveErrors, _published, _publishFailures);
        }
    }
}
