using RiskEngine.LoadTests.Stats;

namespace RiskEngine.LoadTests.Reporting;

/// <summary>
/// What one active grain costs in memory: the growth of the servers' working set (and managed heap) between the
/// reading taken once the city was registered and idle and the reading with the most live activations, divided by
/// the growth in activations. It includes everything that grows with active subjects (grain state, the district and
/// city aggregates' entries, Orleans' catalog), which is what sizing a machine needs.
/// </summary>
public sealed record MemoryPerGrainFigures(
    long IdleActivations,
    long LoadedActivations,
    long IdleWorkingSetBytes,
    long LoadedWorkingSetBytes,
    double WorkingSetBytesPerActivation,
    double ManagedHeapBytesPerActivation)
{
    /// <summary>Null when the loaded reading has no more activations than the idle one.</summary>
    public static MemoryPerGrainFigures? Between(StatsSample? idle, IReadOnlyList<StatsSample> samples)
    {
        if (idle is null || samples.Count == 0)
        {
            return null;
        }

        var loaded = samples.MaxBy(s => s.Activations)!;
        var grains = loaded.Activations - idle.Activations;
        if (grains <= 0)
        {
            return null;
        }

        return new MemoryPerGrainFigures(
            idle.Activations,
            loaded.Activations,
            idle.WorkingSetBytes,
            loaded.WorkingSetBytes,
            Math.Round((double)(loaded.WorkingSetBytes - idle.WorkingSetBytes) / grains, 1),
            Math.Round((double)(loaded.ManagedHeapBytes - idle.ManagedHeapBytes) / grains, 1));
    }
}
