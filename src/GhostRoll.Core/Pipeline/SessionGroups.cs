using GhostRoll.Media;
using GhostRoll.Sessions;
using GhostRoll.Storage;

namespace GhostRoll.Pipeline;

/// <summary>What the derive stage gets for one group: the copied files to render and what the entry is built from.</summary>
/// <param name="Members">Files with a verified local copy (copied, derived or published, hash known), in card order.</param>
/// <param name="Displayable">True when a photo or clip of the group is not a duplicate: the group gets a gallery entry.</param>
/// <param name="EntryFiles">Every file of the group that is not a duplicate (the entry's members), in card order.</param>
internal sealed record GroupToDerive(IReadOnlyList<SessionFileRecord> Members, bool Displayable, IReadOnlyList<SessionFileRecord> EntryFiles);

/// <summary>
/// The groups of one session run and where each stands: which files it has, how many of this run's copies it still
/// waits for, and so when it is ready to derive and whether it gets a gallery entry. The three stages report their
/// transitions here (one lock) and are told what happens next, so no stage decides about groups on its own. It mirrors
/// the journal in memory; the journal write of every transition stays with the stage, before it reports here.
/// </summary>
internal sealed class SessionGroups
{
    private readonly Dictionary<string, Group> _groups = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int _expectedEntries;
    private Action<int>? _expectedEntriesLowered;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _groups.Count;
            }
        }
    }

    /// <summary>Groups that get a gallery entry: a photo or clip of theirs is not a duplicate.</summary>
    public int DisplayableCount
    {
        get
        {
            lock (_gate)
            {
                return _groups.Values.Count(g => g.Displayable);
            }
        }
    }

    /// <summary>Adds a journal file to its group; <paramref name="copyPending"/> when this run copies it from the card.</summary>
    public void Add(SessionFileRecord file, bool copyPending)
    {
        lock (_gate)
        {
            if (!_groups.TryGetValue(file.GroupKey, out var group))
            {
                _groups[file.GroupKey] = group = new Group(file.GroupKey);
            }

            group.Files.Add(file);
            if (copyPending)
            {
                group.PendingCopies++;
            }
        }
    }

    /// <summary>
    /// Fixes the number of gallery entries the run expects (the displayable groups now) and returns it. When a duplicate
    /// later leaves a group with nothing to show, <paramref name="lowered"/> gets the new number, under the lock so that
    /// two such updates reach it in order.
    /// </summary>
    public int ExpectEntries(Action<int> lowered)
    {
        lock (_gate)
        {
            _expectedEntriesLowered = lowered;
            return _expectedEntries = _groups.Values.Count(g => g.Displayable);
        }
    }

    /// <summary>Groups this run copies nothing for but that hold copied, not yet derived files (an earlier run stopped before deriving).</summary>
    public List<string> ReadyWithoutCopies()
    {
        lock (_gate)
        {
            return [.. _groups.Values.Where(g => g.PendingCopies == 0 && g.HasCopied).Select(g => g.Key)];
        }
    }

    /// <summary>True when this run will (re)derive the group, so publishing its existing entry now would be premature.</summary>
    public bool WillDerive(string key)
    {
        lock (_gate)
        {
            return _groups.TryGetValue(key, out var g) && (g.PendingCopies > 0 || g.HasCopied);
        }
    }

    /// <summary>A copy was kept: returns the group key when the group just became ready to derive.</summary>
    public string? CopyKept(SessionFileRecord file, string sha256) => FinishCopy(file, FileState.Copied, sha256);

    /// <summary>A copy turned out to be a duplicate: returns the group key when the group just became ready to derive.</summary>
    public string? CopyDuplicate(SessionFileRecord file, string sha256)
    {
        lock (_gate)
        {
            var ready = FinishCopy(file, FileState.Duplicate, sha256);

            // A group whose only photo or clip was the duplicate has nothing to show: it leaves the expected totals
            // (status "processed 12/12", the gallery's "12 of 12"), or a finished run would report work that will never come.
            var expected = _groups.Values.Count(g => g.Displayable);
            if (_expectedEntriesLowered is { } lowered && expected < _expectedEntries)
            {
                _expectedEntries = expected;
                lowered(expected);
            }

            return ready;
        }
    }

    /// <summary>A copy failed (read error): returns the group key when the group just became ready to derive with what it has.</summary>
    public string? CopyFailed(SessionFileRecord file) => FinishCopy(file, FileState.Failed, null);

    /// <summary>
    /// A copy stopped without an outcome (card pulled, disk full, run cancelled): the file keeps its journal state for
    /// the next run. The group no longer waits for it, but is not released to derive by this either.
    /// </summary>
    public void CopyAbandoned(SessionFileRecord file) => FinishCopy(file, file.State, null);

    /// <summary>The card went away: groups still waiting for copies stop waiting; returns those with copied files to derive now.</summary>
    public List<string> ReleaseAfterCardLoss()
    {
        lock (_gate)
        {
            var ready = new List<string>();
            foreach (var group in _groups.Values.Where(g => g.PendingCopies > 0))
            {
                group.PendingCopies = 0;
                if (group.HasCopied)
                {
                    ready.Add(group.Key);
                }
            }

            return ready;
        }
    }

    /// <summary>What the derive stage renders for the group; no members when nothing of it was copied.</summary>
    public GroupToDerive ToDerive(string key)
    {
        lock (_gate)
        {
            var group = _groups[key];
            return new GroupToDerive(
                [.. group.Files.Where(f => f.State is FileState.Copied or FileState.Derived or FileState.Published && f.Sha256 is not null)],
                group.Displayable,
                [.. group.Files.Where(f => f.State != FileState.Duplicate)]);
        }
    }

    /// <summary>The group's entry was derived: its copied files are now derived.</summary>
    public void Derived(string key) => Advance(key, FileState.Derived);

    /// <summary>The group is final: its entry reached every publisher, or it has nothing to show (sidecars only).</summary>
    public void Published(string key) => Advance(key, FileState.Published);

    private string? FinishCopy(SessionFileRecord file, FileState state, string? sha256)
    {
        lock (_gate)
        {
            var group = _groups[file.GroupKey];
            var index = group.Files.FindIndex(f => f.CardPath == file.CardPath);
            group.Files[index] = group.Files[index] with { State = state, Sha256 = sha256 ?? group.Files[index].Sha256 };
            group.PendingCopies--;
            return group.PendingCopies == 0 && group.HasCopied ? group.Key : null;
        }
    }

    private void Advance(string key, FileState state)
    {
        lock (_gate)
        {
            var files = _groups[key].Files;
            for (var i = 0; i < files.Count; i++)
            {
                if (files[i].State is FileState.Copied or FileState.Derived)
                {
                    files[i] = files[i] with { State = state };
                }
            }
        }
    }

    private sealed class Group(string key)
    {
        public string Key { get; } = key;

        public List<SessionFileRecord> Files { get; } = [];

        /// <summary>Copies of this run not yet finished (kept, duplicate, failed or abandoned).</summary>
        public int PendingCopies { get; set; }

        public bool HasCopied => Files.Any(f => f.State == FileState.Copied);

        public bool Displayable => Files.Any(f => f.State != FileState.Duplicate && (f.Kind.IsPhoto() || f.Kind == MediaKind.Video));
    }
}
