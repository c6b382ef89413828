namespace RiskEngine.Domain;

/// <summary>
/// One contributing factor of a score, with its figures in Chinese and English (e.g. "90天内抽检不合格2次（共5批）" /
/// "2 sampling failures in 5 batches within 90 days"). <paramref name="Code"/> is one of
/// <see cref="RiskReasonCodes"/>; <paramref name="Contribution"/> is the points of the score it accounts for.
/// </summary>
public sealed record RiskReason(string Code, string Zh, string En, double Contribution);
