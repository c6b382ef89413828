using Microsoft.Extensions.Options;
using RiskEngine.Server.Auth;
using RiskEngine.Storage.Security;

namespace RiskEngine.Server.Security;

/// <summary>
/// At start, before anything is appended: checks the security audit's hash chain. A broken chain stops the server
/// (<see cref="AuditChainBrokenException"/>) unless <see cref="AuditOptions.ReanchorAuditChain"/> is set, in which case a
/// re-anchor event naming the break is recorded and the chain goes on from it.
/// </summary>
public sealed partial class AuditChainStartup(SecurityEventLog audit, IOptions<AuditOptions> options, ILogger<AuditChainStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await audit.VerifyAsync(cancellationToken) is not { } broken)
        {
            return;
        }

        if (!options.Value.ReanchorAuditChain)
        {
            throw new AuditChainBrokenException(broken);
        }

        await audit.AppendAsync([new SecurityEvent(SecurityEventKinds.ChainReanchored, "system", null, null,
            $"re-anchored at start ({AuditChainBrokenException.AuditOptionsKey}=true): the chain was broken {broken}")], cancellationToken);
        LogReanchored(logger, broken.ToString());
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The security audit's hash chain was broken {Break}; re-anchored as told")]
    private static partial void LogReanchored(ILogger logger, string @break);
}
