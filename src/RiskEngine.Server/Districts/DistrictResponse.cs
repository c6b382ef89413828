using RiskEngine.Server.Subjects;

namespace RiskEngine.Server.Districts;

/// <summary>A district at a glance.</summary>
/// <param name="Code">GB/T 2260 code.</param>
/// <param name="Name">Chinese name.</param>
/// <param name="NameEn">English name.</param>
/// <param name="Counts">Subjects per level.</param>
/// <param name="Total">All subjects the district knows.</param>
/// <param name="Top">Highest-risk subjects, highest first.</param>
/// <param name="MaxIngestedAt">Latest ingest time of the signals reflected here.</param>
public sealed record DistrictResponse(
    string Code,
    string Name,
    string NameEn,
    LevelCountsResponse Counts,
    long Total,
    IReadOnlyList<RankedSubjectResponse> Top,
    DateTimeOffset? MaxIngestedAt);

/// <summary>Subjects per risk level.</summary>
public sealed record LevelCountsResponse(long Blue, long Yellow, long Orange, long Red);

/// <summary>A subject in a top list.</summary>
public sealed record RankedSubjectResponse(string Id, string Kind, string? Name, string District, double Score, string Level, ReasonResponse? Reason);

/// <summary>The city: the sum of its districts and its own top list.</summary>
public sealed record CityResponse(LevelCountsResponse Counts, long Total, IReadOnlyList<RankedSubjectResponse> Top, IReadOnlyList<DistrictResponse> Districts);
