using RiskEngine.Storage.Security;

namespace RiskEngine.Server.Security;

/// <summary>One row of the security audit.</summary>
/// <param name="Seq">Its place in the chain (1, 2, ...; gapless).</param>
/// <param name="At">When it was recorded.</param>
/// <param name="Kind">login-succeeded, login-failed, password-changed, user-added, user-updated, user-disabled, user-enabled, tokens-revoked, api-key-used or audit-chain-reanchored.</param>
/// <param name="Actor">Who: a user name, an API key's name, <c>system</c>, or <c>command-line:&lt;os user&gt;</c>.</param>
/// <param name="Subject">The account concerned, when one is.</param>
/// <param name="Address">The client's address, for what came over HTTP.</param>
/// <param name="Detail">What else there is to say: why a login failed, what a change changed.</param>
/// <param name="PreviousHash">The hash of the row before (64 zeros for the first).</param>
/// <param name="Hash">SHA-256 over the previous hash and this row's canonical form.</param>
public sealed record SecurityEventResponse(
    long Seq, DateTimeOffset At, string Kind, string Actor, string? Subject, string? Address, string? Detail, string PreviousHash, string Hash)
{
    public static SecurityEventResponse From(StoredSecurityEvent e) =>
        new(e.Seq, e.At, e.Kind, e.Actor, e.Subject, e.Address, e.Detail, e.PreviousHash, e.Hash);
}

/// <summary>A page of the security audit, newest first.</summary>
/// <param name="Items">The events.</param>
/// <param name="NextBefore">Pass as <c>before</c> for the next (older) page; null on the last page.</param>
public sealed record SecurityEventPage(IReadOnlyList<SecurityEventResponse> Items, long? NextBefore);
