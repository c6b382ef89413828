using RiskEngine.LoadTests.Reporting;

namespace RiskEngine.LoadTests.Traffic;

/// <summary>One minute of the traffic, from its start: signals offered and accepted, requests refused and failed, and latencies.</summary>
/// <param name="Minute">Minutes since the traffic started (0 is the first).</param>
/// <param name="Offered">Signals offered (by intended send time).</param>
/// <param name="Accepted">Signals acknowledged as durable (by answer time).</param>
/// <param name="RefusedRequests">Requests refused for now (503, 429).</param>
/// <param name="Errors">Requests that failed or were not sent because too many were unanswered.</param>
/// <param name="IngestLatency">From intended send time to the answer.</param>
/// <param name="SignalToWall">From a signal's send to the wall frame that showed it.</param>
public sealed record MinuteFigures(
    int Minute,
    long Offered,
    long Accepted,
    long RefusedRequests,
    long Errors,
    LatencySummary IngestLatency,
    LatencySummary SignalToWall);
