namespace RiskEngine.Storage.People;

/// <summary>
/// A person who logs in. <paramref name="Districts"/> empty means the whole city. <paramref name="SecurityStamp"/> is
/// carried in the person's tokens; the store gives a new one whenever the password, role or jurisdiction changes or
/// the person is disabled, which revokes every token issued before. <paramref name="MustChangePassword"/>: the next
/// login must set a new password first (the generated first administrator's).
/// </summary>
public sealed record UserRecord(
    string UserName,
    string DisplayName,
    string PasswordHash,
    string Role,
    IReadOnlyList<string> Districts,
    DateTimeOffset CreatedAt,
    bool Disabled = false,
    bool MustChangePassword = false,
    string SecurityStamp = "");
