namespace RiskEngine.LoadTests.Workload;

/// <summary>
/// The ways a generated signal is spoiled on purpose, as real sources spoil them: each must come back in the 202's
/// <c>rejected[]</c> at its index while the rest of the batch is accepted.
/// </summary>
public enum Malformation
{
    /// <summary>A USCC whose check character is wrong (a typo at the source); for a kind that may name a unit, a code of no class.</summary>
    BadSubjectCode,

    /// <summary>A kind the contract does not have.</summary>
    UnknownKind,

    /// <summary>No sourceId, so the signal cannot be made idempotent.</summary>
    MissingSourceId,

    /// <summary>Data that is not an object at all (a misconfigured export).</summary>
    InvalidData,

    /// <summary>An event time that is not a timestamp.</summary>
    BadOccurredAt,
}
