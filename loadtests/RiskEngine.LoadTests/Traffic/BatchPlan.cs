namespace RiskEngine.LoadTests.Traffic;

/// <summary>
/// One request of the open-model schedule: which stream, when it was meant to be sent, and its items in the order
/// they are posted (new signals are consecutive numbers from <see cref="FirstNew"/>, mixed with repeats and spoiled ones).
/// </summary>
public sealed record BatchPlan(int Phase, int Stream, long IntendedTimestamp, DateTimeOffset IntendedAt, long FirstNew, int NewCount, BatchItem[] Items)
{
    public int Count => Items.Length;
}
