namespace RiskEngine.LoadTests.Traffic;

/// <summary>One second of the traffic: offered and accepted signals, and the 99th percentiles of that second (ms).</summary>
public sealed record SecondFigures(int Second, long Offered, long Accepted, double? IngestP99Ms, double? WallP99Ms);
