namespace RiskEngine.Server.Auth;

/// <summary>
/// People's access tokens (section "Auth:Jwt"). Without a configured <see cref="SigningKey"/> the engine generates one
/// at first start and keeps it in its store, so every server of a cluster signs and checks with the same key.
/// </summary>
public sealed class JwtOptions
{
    public const string Section = "Auth:Jwt";

    public string Issuer { get; set; } = "riskengine";

    public string Audience { get; set; } = "riskengine";

    /// <summary>A wall stays logged in for a shift; the console re-asks after this long.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Base64 of at least 32 random bytes; empty means generate and keep one.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Login attempts per user name and client address per minute.</summary>
    public int LoginAttemptsPerMinute { get; set; } = 20;
}
