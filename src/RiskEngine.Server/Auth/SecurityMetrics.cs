using System.Diagnostics.Metrics;
using RiskEngine.Grains;

namespace RiskEngine.Server.Auth;

/// <summary>
/// Login outcomes and revoked hub connections, on the engine's meter: a burst of failures is password guessing (the
/// security audit then says which names and addresses).
/// </summary>
public sealed class SecurityMetrics
{
    private readonly Counter<long> _logins;
    private readonly Counter<long> _closedSessions;

    public SecurityMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(EngineMetrics.MeterName);
        _logins = meter.CreateCounter<long>("riskengine.logins", "{attempt}", "Login and password-change attempts by outcome: succeeded, failed, throttled");
        _closedSessions = meter.CreateCounter<long>("riskengine.hub.revoked", "{connection}", "Hub connections closed because their token expired or their login was revoked");
    }

    public void Login(string outcome) => _logins.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void SessionClosed() => _closedSessions.Add(1);
}
