namespace RiskEngine.Domain.Alerts;

/// <summary>
/// One alert rule from seeds/alert-rules.json. An alert it opens is resolved automatically once the subject has stayed
/// below <see cref="ResolveBelow"/> for <see cref="AutoResolveAfter"/>.
/// </summary>
public sealed record AlertRule(
    string Id,
    string Zh,
    string En,
    AlertTriggerKind Trigger,
    RiskLevel Level,
    RiskLevel ResolveBelow,
    TimeSpan AutoResolveAfter,
    Severity MinimumSeverity,
    int Count,
    TimeSpan Window);
