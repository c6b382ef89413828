using RiskEngine.Domain.Alerts;

namespace RiskEngine.Storage.Alerts;

/// <summary>Which alerts to list: <paramref name="Districts"/> null means every district.</summary>
public sealed record AlertQuery(IReadOnlyCollection<string>? Districts, IReadOnlyCollection<AlertState>? States, int Limit);
