using GhostRoll.Status;

namespace GhostRoll.Appliance.Tests.TestDoubles;

/// <summary>Keeps every status document written, as the display would see them.</summary>
public sealed class RecordingStatusSink : IStatusSink
{
    private readonly List<StatusDocument> _written = [];
    private readonly Lock _gate = new();

    public void Write(StatusDocument status)
    {
        lock (_gate)
        {
            _written.Add(status);
        }
    }

    public IReadOnlyList<StatusDocument> Written
    {
        get
        {
            lock (_gate)
            {
                return [.. _written];
            }
        }
    }

    /// <summary>The steps shown (their status.json words), in order, with repeats of the same step collapsed.</summary>
    public IReadOnlyList<string> Steps
    {
        get
        {
            var steps = new List<string>();
            foreach (var s in Written)
            {
                if (steps.Count == 0 || steps[^1] != s.Step.Name())
                {
                    steps.Add(s.Step.Name());
                }
            }

            return steps;
        }
    }
}
