namespace RiskEngine.LoadTests.Reporting;

/// <summary>One phase of open-model traffic (or all of them together).</summary>
/// <param name="Name">The phase ("steady", "incident", ...; "all" for the whole traffic).</param>
/// <param name="Description">Its streams, in words.</param>
/// <param name="StartSecond">When its schedule started, in seconds since the traffic started.</param>
/// <param name="Seconds">Its scheduled length.</param>
/// <param name="ElapsedSeconds">From its start to its last answer.</param>
/// <param name="OfferedPerSecond">Signals scheduled per second (new, repeated and spoiled alike).</param>
/// <param name="OfferedRateStart">Rate offered at its start (a ramp starts low).</param>
/// <param name="OfferedRateEnd">Rate offered at its end.</param>
/// <param name="AnsweredPerSecond">Signals answered per second (accepted, duplicates and rejected in 202s).</param>
/// <param name="DurablePerSecond">New signals acknowledged as durable per second: the achieved rate.</param>
/// <param name="AnsweredToOfferedRatio">Answered signals over offered ones: 1 when the server kept up.</param>
/// <param name="SignalsOffered">Signals scheduled.</param>
/// <param name="RequestsSent">Requests sent.</param>
/// <param name="RequestsAnswered">Requests answered 202.</param>
/// <param name="Accepted">Signals the 202s counted accepted (durable).</param>
/// <param name="DuplicatesSent">Repeats of earlier signals sent.</param>
/// <param name="DuplicatesReported">Signals the 202s counted as duplicates.</param>
/// <param name="MalformedSent">Spoiled signals sent.</param>
/// <param name="MalformedRejected">Spoiled signals the 202s listed in rejected[] (all of them, when the server is right).</param>
/// <param name="ValidRejected">Valid signals the server rejected (should be 0).</param>
/// <param name="CountMismatches">202s whose counts did not add up to the batch.</param>
/// <param name="RequestsRefused">Requests the server refused for now (503 over capacity, 429 over the request limit): answers, not errors.</param>
/// <param name="SignalsRefused">Signals in those requests; nothing of them was taken.</param>
/// <param name="IngestLatency">Intended send time to the answer (a 202 or a refusal): what a source waits, queueing included.</param>
/// <param name="ServiceLatency">Actual send time to the answer: the server's service time under this load.</param>
/// <param name="SenderLag">Intended to actual send time: the load generator's own lateness.</param>
/// <param name="SignalToWall">Frame receive time less its maxIngestedAt, for frames whose data moved on.</param>
/// <param name="BatchToWall">Intended send time of a batch until a frame shows data at least as fresh as its 202.</param>
/// <param name="Errors">Failures by type: HTTP status (refusals apart), timeout, transport, not-sent-backlog, malformed-accepted, valid-rejected, duplicates-miscounted.</param>
/// <param name="ErrorExamples">The first few of each type, in words.</param>
public sealed record PhaseFigures(
    string Name,
    string Description,
    double StartSecond,
    double Seconds,
    double ElapsedSeconds,
    double OfferedPerSecond,
    double OfferedRateStart,
    double OfferedRateEnd,
    double AnsweredPerSecond,
    double DurablePerSecond,
    double AnsweredToOfferedRatio,
    long SignalsOffered,
    long RequestsSent,
    long RequestsAnswered,
    long Accepted,
    long DuplicatesSent,
    long DuplicatesReported,
    long MalformedSent,
    long MalformedRejected,
    long ValidRejected,
    long CountMismatches,
    long RequestsRefused,
    long SignalsRefused,
    LatencySummary IngestLatency,
    LatencySummary ServiceLatency,
    LatencySummary SenderLag,
    LatencySummary SignalToWall,
    LatencySummary BatchToWall,
    IReadOnlyDictionary<string, long> Errors,
    IReadOnlyDictionary<string, IReadOnlyList<string>> ErrorExamples);
