namespace RiskEngine.Server.Auth;

/// <summary>A person's credentials.</summary>
public sealed record LoginRequest(string? UserName, string? Password);

/// <summary>A person's new password, with the current one as proof (the first administrator's must be changed at first login).</summary>
public sealed record PasswordChangeRequest(string? UserName, string? CurrentPassword, string? NewPassword);

/// <summary>A person's access token and who it says they are.</summary>
/// <param name="AccessToken">JWT for <c>Authorization: Bearer</c> (or <c>access_token</c> on the hub).</param>
/// <param name="ExpiresAt">When it stops being accepted.</param>
/// <param name="UserName">The normalised user name.</param>
/// <param name="Role">viewer, officer, supervisor or admin.</param>
/// <param name="Districts">Jurisdiction district codes; empty means the whole city.</param>
public sealed record LoginResponse(string AccessToken, DateTimeOffset ExpiresAt, string UserName, string Role, IReadOnlyList<string> Districts);

/// <summary>The caller as the server sees it.</summary>
public sealed record WhoAmIResponse(string Name, string Kind, string? Role, IReadOnlyList<string> Districts, IReadOnlyList<string> Scopes);
