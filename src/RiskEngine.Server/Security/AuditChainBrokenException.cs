using RiskEngine.Storage.Security;

namespace RiskEngine.Server.Security;

/// <summary>The security audit's hash chain does not hold, and the server was not told to re-anchor it.</summary>
public sealed class AuditChainBrokenException(ChainBreak chainBreak)
    : Exception($"The security audit's hash chain is broken {chainBreak}. Rows were changed or removed outside the server. " +
        $"Look into it, then start once with --{AuditOptionsKey}=true to record a re-anchor event and go on.")
{
    public const string AuditOptionsKey = $"{Auth.AuditOptions.Section}:{nameof(Auth.AuditOptions.ReanchorAuditChain)}";

    public ChainBreak Break { get; } = chainBreak;
}
