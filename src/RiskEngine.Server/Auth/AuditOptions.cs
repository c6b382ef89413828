namespace RiskEngine.Server.Auth;

/// <summary>The security audit (section "Security").</summary>
public sealed class AuditOptions
{
    public const string Section = "Security";

    /// <summary>
    /// When the audit's hash chain is found broken at start, record a re-anchor event and go on instead of refusing to
    /// start. Set it for one start after the break has been looked into, then remove it.
    /// </summary>
    public bool ReanchorAuditChain { get; set; }
}
