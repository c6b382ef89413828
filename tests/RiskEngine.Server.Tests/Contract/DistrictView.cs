namespace RiskEngine.Server.Tests.Contract;

/// <summary>One district of GET /api/v1/districts.</summary>
public sealed record DistrictView(string Code, string Name, LevelCounts Counts, long Total, IReadOnlyList<RankedSubject> Top);

/// <summary>Subjects per level.</summary>
public sealed record LevelCounts(long Blue, long Yellow, long Orange, long Red)
{
    public long Sum => Blue + Yellow + Orange + Red;
}

/// <summary>A subject in a top list.</summary>
public sealed record RankedSubject(string Id, string Kind, string District, double Score, string Level);

/// <summary>GET /api/v1/city.</summary>
public sealed record CityView(LevelCounts Counts, long Total, IReadOnlyList<RankedSubject> Top, IReadOnlyList<DistrictView> Districts);
