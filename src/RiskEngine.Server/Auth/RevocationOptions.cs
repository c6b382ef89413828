using System.ComponentModel.DataAnnotations;

namespace RiskEngine.Server.Auth;

/// <summary>
/// How soon a revoked login stops working (section "Auth:Sessions"). A person's security stamp is read from the store
/// at most once per <see cref="StampCacheDuration"/> per server; open hub connections are re-checked every
/// <see cref="RevalidationInterval"/>. The ranges keep their sum within 30 s: a disabled or changed person's requests
/// get 401, and their hub connections close, within 30 s at the latest.
/// </summary>
public sealed class RevocationOptions
{
    public const string Section = "Auth:Revocation";

    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:20")]
    public TimeSpan StampCacheDuration { get; set; } = TimeSpan.FromSeconds(15);

    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:10")]
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromSeconds(10);
}
