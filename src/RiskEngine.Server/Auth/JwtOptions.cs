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

    /// <summary>Login attempts per client address (IPv6: per /64 network) per minute.</summary>
    public int LoginAttemptsPerMinute { get; set; } = 20;

    /// <summary>Failed logins of one user name that are answered at once; each further one doubles the wait before the next try.</summary>
    public int LoginFailuresBeforeDelay { get; set; } = 5;

    /// <summary>The first wait after <see cref="LoginFailuresBeforeDelay"/> failures of one user name.</summary>
    public TimeSpan LoginDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest wait: so the delays an attacker's guesses cause hold the owner of the name off at most this long, and
    /// a name's failures are forgotten once it has had no failure for twice this long.
    /// </summary>
    public TimeSpan LoginDelayCap { get; set; } = TimeSpan.FromMinutes(5);
}
