using RiskEngine.Server.Districts;

namespace RiskEngine.Server.Live;

/// <summary>
/// What the wall shows of one scope ("city" or "district:420112"), complete each time: a missed frame is healed by
/// the next. <see cref="Version"/> rises with every frame (milliseconds since the epoch, or one more than the last).
/// </summary>
/// <param name="Scope">"city" or "district:&lt;code&gt;".</param>
/// <param name="Version">Frames with a lower version than one already applied are stale.</param>
/// <param name="GeneratedAt">When the server built the frame.</param>
/// <param name="MaxIngestedAt">Latest ingest time of the signals the frame reflects (signal → screen latency).</param>
/// <param name="Counts">Subjects per level in the scope.</param>
/// <param name="Total">All subjects in the scope.</param>
/// <param name="Top">Highest-risk subjects of the scope (at most 10).</param>
/// <param name="Districts">The districts of the scope (the city: all of them).</param>
/// <param name="SignalsPerMinute">Signals ingested by the whole cluster over the last minute.</param>
/// <param name="OpenAlerts">Alerts not yet acknowledged or resolved in the scope.</param>
/// <param name="TopEntities">Highest-risk market entities of the scope (at most 10), for the wall's entities tab.</param>
/// <param name="TopEquipment">Highest-risk special-equipment units of the scope (at most 10), for its equipment tab.</param>
public sealed record WallFrame(
    string Scope,
    long Version,
    DateTimeOffset GeneratedAt,
    DateTimeOffset? MaxIngestedAt,
    LevelCountsResponse Counts,
    long Total,
    IReadOnlyList<RankedSubjectResponse> Top,
    IReadOnlyList<DistrictResponse> Districts,
    long SignalsPerMinute,
    long OpenAlerts,
    IReadOnlyList<RankedSubjectResponse> TopEntities,
    IReadOnlyList<RankedSubjectResponse> TopEquipment);
