namespace RiskEngine.LoadTests.Reporting;

/// <summary>The engine end to end: batches over HTTP, counted as durable from the 202 answers.</summary>
/// <param name="Accepted">Signals the 202 answers of the measured span acknowledged as durable.</param>
/// <param name="AcceptedInWarmup">Signals acknowledged during the warm-up (not in the rate).</param>
/// <param name="Duplicates">Signals the answers counted as duplicates (expected 0: every id is new).</param>
/// <param name="Requests">Answered batches (202) in the measured span.</param>
/// <param name="RefusedRequests">Answers refusing a batch for now (429 over the request limit, 503 over capacity), each sent again after the Retry-After it named.</param>
/// <param name="FailedRequests">Requests with no 202 (other status or transport error); their signals are not counted.</param>
/// <param name="Seconds">The measured span: end of warm-up to the last measured answer.</param>
/// <param name="SignalsPerSecond">Durable signals per second.</param>
/// <param name="RequestLatency">Time from sending a batch to its 202, in the measured span (closed loop: one batch in flight per client).</param>
/// <param name="Cpu">Where the machine's CPU went in the measured span.</param>
/// <param name="ServerCpuMsPer1000">Server CPU milliseconds per 1000 durable signals: its cost, whatever else ran.</param>
/// <param name="ClientCpuMsPer1000">The load generator's CPU milliseconds per 1000 durable signals.</param>
public sealed record EngineFigures(
    long Accepted,
    long AcceptedInWarmup,
    long Duplicates,
    long Requests,
    long RefusedRequests,
    long FailedRequests,
    double Seconds,
    double SignalsPerSecond,
    LatencySummary RequestLatency,
    CpuUsage? Cpu,
    double? ServerCpuMsPer1000,
    double? ClientCpuMsPer1000);
