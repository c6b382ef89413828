namespace RiskEngine.LoadTests.Reporting;

/// <summary>A soak minute by minute, and whether memory, storage growth, latency and errors stayed flat.</summary>
/// <param name="Minutes">Every whole minute of the traffic.</param>
/// <param name="WarmupMinutes">Left out of the judgement at the start (caches filling, JIT, the first checkpoints).</param>
/// <param name="WindowMinutes">Length of the early and the late window compared.</param>
/// <param name="Flat">True when every finding holds; null when the soak was too short to judge.</param>
/// <param name="Findings">Each figure, early against late.</param>
/// <param name="Verdict">The judgement in words.</param>
public sealed record SoakFigures(
    IReadOnlyList<SoakMinute> Minutes,
    int WarmupMinutes,
    int WindowMinutes,
    bool? Flat,
    IReadOnlyList<SoakFinding> Findings,
    string Verdict);
