namespace RiskEngine.LoadTests.Reporting;

/// <summary>
/// Open-model traffic at a multiple of the end-to-end durable rate, on the same server right after that side: whether
/// overload is refused early (503 at once) while the engine keeps its pace, and how long answers take meanwhile.
/// </summary>
/// <param name="Factor">The multiple of the end-to-end durable rate offered.</param>
/// <param name="BaseDurablePerSecond">The end-to-end durable rate it multiplies.</param>
/// <param name="OfferedPerSecond">Signals per second offered (Poisson arrivals).</param>
/// <param name="Phase">The phase's figures, as the scenarios report them.</param>
/// <param name="KeptFraction">Durable signals per second in this phase over <see cref="BaseDurablePerSecond"/> (target >= 0.9).</param>
/// <param name="RequestsRefused">Requests answered 503 (or 429): refused early, nothing taken; not errors.</param>
/// <param name="SignalsRefused">Signals in them.</param>
/// <param name="OtherErrors">Failures that are not refusals (timeouts, transport, other statuses, wrong counts): must be 0.</param>
/// <param name="AnswerP99Ms">99th percentile from intended send to the answer, 202 or refusal (target under 2 s).</param>
/// <param name="MaxApplyLag">The most signals logged and not yet applied seen during the phase; null when the server does not report it.</param>
/// <param name="Cpu">Where the machine's CPU went during the phase.</param>
/// <param name="ServerCpuMsPer1000">Server CPU milliseconds per 1000 durable signals of the phase.</param>
public sealed record OverloadFigures(
    double Factor,
    double BaseDurablePerSecond,
    double OfferedPerSecond,
    PhaseFigures Phase,
    double KeptFraction,
    long RequestsRefused,
    long SignalsRefused,
    long OtherErrors,
    double AnswerP99Ms,
    long? MaxApplyLag,
    CpuUsage? Cpu,
    double? ServerCpuMsPer1000);
