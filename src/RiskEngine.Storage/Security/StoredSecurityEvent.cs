namespace RiskEngine.Storage.Security;

/// <summary>A row of the security audit: the event, its place in the chain and its hashes (lower-case hex SHA-256).</summary>
public sealed record StoredSecurityEvent(
    long Seq,
    DateTimeOffset At,
    string Kind,
    string Actor,
    string? Subject,
    string? Address,
    string? Detail,
    string PreviousHash,
    string Hash)
{
    /// <summary>Whether <see cref="Hash"/> is what <see cref="PreviousHash"/> and the row's content make.</summary>
    public bool HashMatches => SecurityEventChain.Hash(PreviousHash, Seq, At, Kind, Actor, Subject, Address, Detail) == Hash;
}
