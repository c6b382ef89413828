using RiskEngine.Abstractions;
using RiskEngine.Storage;

namespace RiskEngine.Grains.Subjects;

/// <summary>The subject's logged signals its snapshot does not include yet: what an activation or a rebuild replays.</summary>
public static class SubjectLogTail
{
    private const int PageSize = 1000;

    /// <summary>Starts reading at once, so the caller may set off other reads to share a batch before awaiting.</summary>
    public static async Task<List<SignalEnvelope>> ReadAsync(ISignalLog log, string subjectId, SubjectFold fold, CancellationToken cancellationToken)
    {
        var tail = new List<SignalEnvelope>();
        var after = fold.State.AppliedFloor;
        while (true)
        {
            var page = await log.ReadSubjectAsync(subjectId, after, PageSize, cancellationToken).ConfigureAwait(false);
            tail.AddRange(page.Where(s => !fold.IsApplied(s.Seq)).Select(s => new SignalEnvelope(s.Seq, s.Kind, s.OccurredAt, s.IngestedAt, s.Data)));
            if (page.Count < PageSize)
            {
                return tail;
            }

            after = page[^1].Seq;
        }
    }
}
