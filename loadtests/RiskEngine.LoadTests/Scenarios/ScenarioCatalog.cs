namespace RiskEngine.LoadTests.Scenarios;

/// <summary>The scenarios the tool knows, by name.</summary>
public static class ScenarioCatalog
{
    private static readonly PhaseKind[] CityPhases = [PhaseKind.Steady, PhaseKind.Incident, PhaseKind.Storm, PhaseKind.Backfill];

    public static IReadOnlyList<ScenarioDefinition> All { get; } =
    [
        new("smoke", "a few seconds on a small city, embedded SQLite: every phase kind once, duplicates and malformed signals mixed in, hub latency measured",
            CityPhases, Entities: 2_000, Equipment: 300, Rate: 400, Seconds: 2, Batch: 20, WallClients: 5, BaselineSeconds: 2, Verify: 2_000, StatsIntervalSeconds: 1),
        new("city", "the whole city: 2.7M entities and 300k units registered, then steady traffic, a food-safety incident, an entrapment storm and a backfill",
            CityPhases, Entities: 2_700_000, Equipment: 300_000, Rate: 20_000, Seconds: 60, Batch: 200, WallClients: 50, BaselineSeconds: 10, Verify: 50_000, StatsIntervalSeconds: 3),
        Single(PhaseKind.Steady, "everyday city traffic at a constant rate"),
        Single(PhaseKind.Ramp, "the morning ramp, from a tenth of --rate to one and a half times it"),
        Single(PhaseKind.Incident, "a food-safety incident: failed samplings at one district's food businesses, on top of everyday traffic"),
        Single(PhaseKind.Storm, "an elevator entrapment storm on top of everyday traffic"),
        Single(PhaseKind.Backfill, "week-old signals arriving late on top of everyday traffic"),
        new("soak", "hours of everyday traffic at a steady rate with the wall watching: memory, storage, latency and errors minute by minute, and whether they stayed flat (100k entities, 10k units)",
            [PhaseKind.Steady], Entities: 100_000, Equipment: 10_000, Rate: 3_000, Seconds: 2 * 3600, Batch: 100, WallClients: 10, BaselineSeconds: 5, Verify: 20_000, StatsIntervalSeconds: 10,
            IsSoak: true),
    ];

    public static ScenarioDefinition? Find(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    public static string Names => string.Join(", ", All.Select(s => s.Name));

    /// <summary>One phase on a district-sized city (100k entities, 10k units), for trying one kind of traffic quickly.</summary>
    private static ScenarioDefinition Single(PhaseKind phase, string purpose) =>
        new(phase.Name(), purpose + " (100k entities, 10k units)", [phase],
            Entities: 100_000, Equipment: 10_000, Rate: 5_000, Seconds: 30, Batch: 100, WallClients: 10, BaselineSeconds: 5, Verify: 20_000, StatsIntervalSeconds: 2);
}
