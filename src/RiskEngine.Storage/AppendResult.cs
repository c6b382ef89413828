namespace RiskEngine.Storage;

/// <summary>
/// What became of each signal of a batch, by its position in the batch:
/// the logged signal when it is new, null when (source, sourceId) was already in the log.
/// </summary>
public sealed record AppendResult(IReadOnlyList<LoggedSignal?> Outcomes)
{
    public int Accepted => Outcomes.Count(o => o is not null);

    public int Duplicates => Outcomes.Count(o => o is null);

    public IEnumerable<LoggedSignal> Appended => Outcomes.OfType<LoggedSignal>();
}
