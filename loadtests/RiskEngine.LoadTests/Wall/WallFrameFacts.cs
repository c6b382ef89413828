namespace RiskEngine.LoadTests.Wall;

/// <summary>What the load test reads from a wall frame: its version, how fresh its data is, and how many subjects it counts.</summary>
/// <param name="Version">The frame's version, when present.</param>
/// <param name="MaxIngestedAt">The latest server ingest time (UTC) of the signals the frame reflects; null before any.</param>
/// <param name="Total">Subjects counted in the frame's scope, when present.</param>
public readonly record struct WallFrameFacts(long? Version, DateTimeOffset? MaxIngestedAt, long? Total);
