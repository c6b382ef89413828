namespace RiskEngine.Storage.People;

/// <summary>A person who logs in. <paramref name="Districts"/> empty means the whole city.</summary>
public sealed record UserRecord(
    string UserName,
    string DisplayName,
    string PasswordHash,
    string Role,
    IReadOnlyList<string> Districts,
    DateTimeOffset CreatedAt);
