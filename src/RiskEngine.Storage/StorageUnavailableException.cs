namespace RiskEngine.Storage;

/// <summary>
/// The store could not take a write for a reason outside the request: the disk is full, the database is unreachable or
/// failing. Nothing of the failed write was kept; the same write can succeed once the fault is gone, so callers answer
/// "not now" (503) rather than "broken" (500).
/// </summary>
public sealed class StorageUnavailableException(string reason, Exception inner) : Exception(reason, inner)
{
    /// <summary>What an operator and a client are told, e.g. "the disk under the signal log is full".</summary>
    public string Reason { get; } = reason;
}
