using RiskEngine.LoadTests.Workload;

namespace RiskEngine.LoadTests.Traffic;

/// <summary>One item of a posted batch: a new signal, a repeat of an earlier one, or a spoiled one.</summary>
/// <param name="Stream">The stream the signal belongs to (a repeat may come from an earlier phase's stream).</param>
/// <param name="Number">The stream's number of the signal (for a malformed item, the signal it was spoiled from).</param>
/// <param name="IsDuplicate">A repeat of a signal already acknowledged: the server must count it in <c>duplicates</c>.</param>
/// <param name="Malformation">Set when the item is spoiled: the server must list it in <c>rejected[]</c>.</param>
public readonly record struct BatchItem(TrafficStream Stream, long Number, bool IsDuplicate, Malformation? Malformation)
{
    public bool IsNew => !IsDuplicate && Malformation is null;
}
