namespace RiskEngine.LoadTests.Reporting;

/// <summary>The wall clients of the run and what they saw.</summary>
/// <param name="Requested">Clients asked for.</param>
/// <param name="Connected">Clients that connected and watched.</param>
/// <param name="Protocol">The hub protocol they spoke.</param>
/// <param name="Scopes">Scopes watched, with how many clients each.</param>
/// <param name="Snapshots">Snapshot frames received.</param>
/// <param name="Deltas">Delta frames received.</param>
/// <param name="AdvancingDeltas">Deltas whose maxIngestedAt moved on: the latency samples.</param>
/// <param name="Alerts">Alert events received.</param>
/// <param name="SignalToWall">All phases: frame receive time less maxIngestedAt.</param>
/// <param name="BatchToWall">All phases: batch intended send time until a frame reflects data at least as fresh as its 202.</param>
/// <param name="BatchesNeverShown">Acknowledged batches no frame caught up with before the clients disconnected.</param>
/// <param name="Errors">Connection failures and drops by type.</param>
public sealed record WallFigures(
    int Requested,
    int Connected,
    string Protocol,
    IReadOnlyDictionary<string, int> Scopes,
    long Snapshots,
    long Deltas,
    long AdvancingDeltas,
    long Alerts,
    LatencySummary SignalToWall,
    LatencySummary BatchToWall,
    int BatchesNeverShown,
    IReadOnlyDictionary<string, long> Errors);
