namespace RiskEngine.Server.Tests.Contract;

/// <summary>POST /api/v1/auth/login's answer.</summary>
public sealed record LoginAnswer(string AccessToken, DateTimeOffset ExpiresAt, string UserName, string Role, IReadOnlyList<string> Districts);

/// <summary>GET /api/v1/auth/me's answer.</summary>
public sealed record WhoAmI(string Name, string Kind, string? Role, IReadOnlyList<string> Districts, IReadOnlyList<string> Scopes);

/// <summary>The 403 of a login whose password is right but must be replaced first.</summary>
public sealed record PasswordChangeRequiredProblem(string Title, int Status, string Detail, bool PasswordChangeRequired);
