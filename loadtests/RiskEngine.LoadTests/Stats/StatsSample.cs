using RiskEngine.LoadTests.Api;

namespace RiskEngine.LoadTests.Stats;

/// <summary>One reading of GET /api/v1/system/stats, summed over the servers that answered, and of their storage when read.</summary>
/// <param name="Seconds">Since the run started.</param>
/// <param name="Stage">What the run was doing: "registered", a phase's name, "drained".</param>
/// <param name="Servers">How many servers answered.</param>
/// <param name="WorkingSetBytes">Resident memory of the server processes.</param>
/// <param name="ManagedHeapBytes">Their managed heaps.</param>
/// <param name="Activations">Live grain activations.</param>
/// <param name="ActivationsByType">Live activations by grain type.</param>
/// <param name="ApplyLag">Signals logged and not yet applied; null when a server did not say (an older build).</param>
/// <param name="AppliedTotal">Signals applied since the servers started; null when a server did not say.</param>
/// <param name="Refused">Ingest requests refused as over capacity since the servers started; null when a server did not say.</param>
/// <param name="ResidentSnapshots">Subjects' snapshots held in memory; null when a server did not say.</param>
/// <param name="ResidentSnapshotBytes">Their serialised bytes; null when a server did not say.</param>
/// <param name="UnwrittenSnapshots">Snapshots changed in memory and not yet flushed; null when a server did not say.</param>
/// <param name="StorageBytes">Bytes on disk by file (SQLite) or table (PostgreSQL); null when not read (see <see cref="StorageFootprint"/>).</param>
public sealed record StatsSample(
    double Seconds,
    string Stage,
    int Servers,
    long WorkingSetBytes,
    long ManagedHeapBytes,
    long Activations,
    IReadOnlyDictionary<string, long> ActivationsByType,
    long? ApplyLag = null,
    long? AppliedTotal = null,
    long? Refused = null,
    long? ResidentSnapshots = null,
    long? ResidentSnapshotBytes = null,
    long? UnwrittenSnapshots = null,
    IReadOnlyDictionary<string, long>? StorageBytes = null)
{
    /// <summary>One reading of each server that answered, taken together: every figure summed over them.</summary>
    /// <param name="seconds">Since the run started.</param>
    /// <param name="stage">What the run was doing.</param>
    /// <param name="answers">One <see cref="SystemStats"/> per server that answered; at least one.</param>
    public static StatsSample Sum(double seconds, string stage, IReadOnlyList<SystemStats> answers)
    {
        var byType = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (type, count) in answers.SelectMany(s => s.Activations.ByType ?? new Dictionary<string, long>()))
        {
            byType[type] = byType.GetValueOrDefault(type) + count;
        }

        return new StatsSample(
            seconds,
            stage,
            answers.Count,
            answers.Sum(s => s.WorkingSetBytes),
            answers.Sum(s => s.ManagedHeapBytes),
            answers.Sum(s => s.Activations.Total),
            byType,
            SumOf(answers, s => s.ApplyLag),
            SumOf(answers, s => s.AppliedTotal),
            SumOf(answers, s => s.Refused),
            SumOf(answers, s => s.ResidentSnapshots),
            SumOf(answers, s => s.ResidentSnapshotBytes),
            SumOf(answers, s => s.UnwrittenSnapshots));
    }

    /// <summary>The sum over the servers, or null when one of them did not report the figure (a partial sum would mislead).</summary>
    private static long? SumOf(IReadOnlyList<SystemStats> answers, Func<SystemStats, long?> figure) =>
        answers.All(s => figure(s) is not null) ? answers.Sum(s => figure(s)!.Value) : null;
}
