namespace RiskEngine.Storage.Security;

/// <summary>
/// Something the security audit records: what happened (<see cref="SecurityEventKinds"/>), who did it (a person's
/// user name, an API key's name, <c>system</c>, or <c>command-line:&lt;os user&gt;</c>), whom it concerns, from which
/// client address, and a short detail. Time, sequence number and hashes are added when it is appended.
/// </summary>
public sealed record SecurityEvent(string Kind, string Actor, string? Subject = null, string? Address = null, string? Detail = null);
