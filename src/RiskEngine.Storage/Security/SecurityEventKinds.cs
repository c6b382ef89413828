namespace RiskEngine.Storage.Security;

/// <summary>The kinds of <see cref="SecurityEvent"/>, as stored and served.</summary>
public static class SecurityEventKinds
{
    public const string LoginSucceeded = "login-succeeded";
    public const string LoginFailed = "login-failed";
    public const string PasswordChanged = "password-changed";
    public const string UserAdded = "user-added";
    public const string UserUpdated = "user-updated";
    public const string UserDisabled = "user-disabled";
    public const string UserEnabled = "user-enabled";

    /// <summary>A person's security stamp changed: every token issued to them before stops working.</summary>
    public const string TokensRevoked = "tokens-revoked";

    /// <summary>An API key authenticated a request (sampled: at most one per key per minute and server).</summary>
    public const string ApiKeyUsed = "api-key-used";

    /// <summary>The chain was found broken and the operator told the server to go on from here.</summary>
    public const string ChainReanchored = "audit-chain-reanchored";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        LoginSucceeded, LoginFailed, PasswordChanged, UserAdded, UserUpdated, UserDisabled, UserEnabled, TokensRevoked, ApiKeyUsed, ChainReanchored,
    };
}
