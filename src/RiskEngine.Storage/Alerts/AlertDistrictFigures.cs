namespace RiskEngine.Storage.Alerts;

/// <summary>A district's alert figures: how many wait, and how long officers take to acknowledge and to resolve.</summary>
public sealed record AlertDistrictFigures(
    string District,
    long Open,
    long Acknowledged,
    long Resolved,
    double? MeanSecondsToAcknowledge,
    double? MeanSecondsToResolve);
