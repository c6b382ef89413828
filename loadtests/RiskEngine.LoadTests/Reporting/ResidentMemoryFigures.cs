using RiskEngine.LoadTests.Stats;

namespace RiskEngine.LoadTests.Reporting;

/// <summary>
/// Memory per resident subject, from GET /api/v1/system/stats at the end of the measured span: the serialised snapshot
/// bytes held per subject, the whole working set per subject (the runtime, caches and grains included, so an upper
/// bound), and the working set's growth since the entities were registered over the growth in resident subjects.
/// </summary>
/// <param name="ResidentSnapshots">Subjects' snapshots in memory.</param>
/// <param name="ResidentSnapshotBytes">Their serialised bytes.</param>
/// <param name="UnwrittenSnapshots">Of them, changed and not yet flushed to the table.</param>
/// <param name="WorkingSetBytes">The server's working set.</param>
/// <param name="ManagedHeapBytes">Its managed heap.</param>
/// <param name="SnapshotBytesPerSubject">ResidentSnapshotBytes / ResidentSnapshots.</param>
/// <param name="WorkingSetBytesPerSubject">WorkingSetBytes / ResidentSnapshots.</param>
/// <param name="WorkingSetGrowthPerSubject">Working-set growth since registration over the growth in resident snapshots; null when they did not grow.</param>
public sealed record ResidentMemoryFigures(
    long ResidentSnapshots,
    long ResidentSnapshotBytes,
    long UnwrittenSnapshots,
    long WorkingSetBytes,
    long ManagedHeapBytes,
    double SnapshotBytesPerSubject,
    double WorkingSetBytesPerSubject,
    double? WorkingSetGrowthPerSubject)
{
    /// <summary>The figures of a loaded reading, against one taken once the entities were registered; null when the server reports no resident snapshots.</summary>
    public static ResidentMemoryFigures? Of(StatsSample? registered, StatsSample loaded)
    {
        if (loaded.ResidentSnapshots is not { } residents || residents <= 0 || loaded.ResidentSnapshotBytes is not { } bytes)
        {
            return null;
        }

        var grown = registered?.ResidentSnapshots is { } before && residents > before
            ? Math.Round((double)(loaded.WorkingSetBytes - registered.WorkingSetBytes) / (residents - before), 1)
            : (double?)null;
        return new ResidentMemoryFigures(
            residents,
            bytes,
            loaded.UnwrittenSnapshots ?? 0,
            loaded.WorkingSetBytes,
            loaded.ManagedHeapBytes,
            Math.Round((double)bytes / residents, 1),
            Math.Round((double)loaded.WorkingSetBytes / residents, 1),
            grown);
    }
}
