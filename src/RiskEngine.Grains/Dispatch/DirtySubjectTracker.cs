using System.Collections.Concurrent;

namespace RiskEngine.Grains.Dispatch;

/// <summary>
/// Which grains of this silo hold changes not yet in their persisted snapshot, and from which log position (the
/// districts; subjects' snapshots are tracked by <c>ResidentSnapshots</c>).
/// The recovery checkpoint may not pass the oldest of them: after a crash, replay must start before it.
/// </summary>
public sealed class DirtySubjectTracker
{
    private readonly ConcurrentDictionary<GrainId, long> _dirtyFrom = new();

    /// <summary>Records that <paramref name="grain"/> changed because of log position <paramref name="seq"/>.</summary>
    public void MarkDirty(GrainId grain, long seq) =>
        _dirtyFrom.AddOrUpdate(grain, seq, (_, current) => Math.Min(current, seq));

    /// <summary>Records that everything <paramref name="grain"/> held is in its persisted snapshot.</summary>
    public void MarkClean(GrainId grain) => _dirtyFrom.TryRemove(grain, out _);

    /// <summary>The oldest log position not yet covered by a snapshot, or null when all are clean.</summary>
    public long? OldestDirtySeq
    {
        get
        {
            long? oldest = null;
            foreach (var seq in _dirtyFrom.Values)
            {
                if (oldest is null || seq < oldest)
                {
                    oldest = seq;
                }
            }

            return oldest;
        }
    }

    public int DirtyCount => _dirtyFrom.Count;
}
