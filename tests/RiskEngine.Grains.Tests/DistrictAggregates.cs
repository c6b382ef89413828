using RiskEngine.Abstractions;
using RiskEngine.Domain;
using RiskEngine.Grains.Tests.Hosting;
using RiskEngine.Storage;
using static RiskEngine.Grains.Tests.Hosting.TestSignals;

namespace RiskEngine.Grains.Tests;

/// <summary>
/// A district counts its subjects per level and ranks those above blue, from the reports of its subjects alone;
/// blue is every other subject the directory knows there. Each test works in a district of its own.
/// </summary>
public sealed class DistrictAggregates(EngineCluster engine) : IClassFixture<EngineCluster>
{
    [Fact]
    public async Task A_red_entity_is_counted_and_ranked_by_its_district_until_good_news_brings_it_back_to_blue()
    {
        const string district = "420113";
        var now = engine.Clock.GetUtcNow();
        var troubled = TestSubjects.NewEntity(district);
        var neighbours = new[] { TestSubjects.NewEntity(district), TestSubjects.NewEntity(district) };
        await engine.IngestAsync([.. neighbours.Select(n => Inspection(n, now.AddDays(-30), InspectionResult.Pass))]);

        await engine.IngestAsync([.. BadNews(troubled, now)]);
        var red = await engine.Grains.GetEntity(troubled).GetRiskAsync();
        var flagged = await SummaryAsync(district);

        Assert.Equal(RiskLevel.Red, red.Level);
        Assert.Equal(new LevelCounts(2, 0, 0, 1), flagged.Counts);
        var top = Assert.Single(flagged.Top);
        Assert.Equal((troubled, RiskLevel.Red, red.Score, SubjectKind.Entity), (top.Id, top.Level, top.Score, top.Kind));
        Assert.Equal(red.Reasons[0].Code, top.TopReason?.Code);
        await AssertCountsAddUpAsync(district, flagged);

        await engine.IngestAsync([.. GoodNews(troubled, engine.Clock.GetUtcNow())]);
        var blue = await engine.Grains.GetEntity(troubled).GetRiskAsync();
        var cleared = await SummaryAsync(district);

        Assert.Equal(RiskLevel.Blue, blue.Level);
        Assert.Equal(new LevelCounts(3, 0, 0, 0), cleared.Counts);
        Assert.Empty(cleared.Top);
        await AssertCountsAddUpAsync(district, cleared);
    }

    [Fact]
    public async Task An_entity_registered_into_another_district_leaves_the_old_summary_and_joins_the_new()
    {
        const string from = "420114";
        const string to = "420115";
        var now = engine.Clock.GetUtcNow();
        var uscc = TestSubjects.NewEntity(from);
        var stays = TestSubjects.NewEntity(from);
        await engine.IngestAsync([.. BadNews(uscc, now), Inspection(stays, now.AddDays(-30), InspectionResult.Pass)]);
        Assert.Contains(uscc, (await SummaryAsync(from)).Top.Select(t => t.Id));

        await RegisterEntityAsync(uscc, to);
        var view = await engine.Grains.GetEntity(uscc).GetRiskAsync();
        var left = await SummaryAsync(from);
        var joined = await SummaryAsync(to);

        Assert.Equal(to, view.District);
        Assert.Equal(new LevelCounts(1, 0, 0, 0), left.Counts);
        Assert.Empty(left.Top);
        Assert.Equal(new LevelCounts(0, 0, 0, 1), joined.Counts);
        Assert.Equal([uscc], joined.Top.Select(t => t.Id));
        await AssertCountsAddUpAsync(from, left);
        await AssertCountsAddUpAsync(to, joined);
    }

    [Fact]
    public async Task An_entity_whose_grain_was_idle_when_it_moved_district_still_leaves_the_old_summary()
    {
        const string from = "420116";
        const string to = "420117";
        var uscc = TestSubjects.NewEntity(from);
        await engine.IngestAsync([.. BadNews(uscc, engine.Clock.GetUtcNow())]);
        Assert.Contains(uscc, (await SummaryAsync(from)).Top.Select(t => t.Id));
        await engine.DeactivateAsync(engine.Grains.GetEntity(uscc));

        await RegisterEntityAsync(uscc, to);
        var left = await SummaryAsync(from);
        var joined = await SummaryAsync(to);

        Assert.Empty(left.Top);
        Assert.Equal(LevelCounts.Zero, left.Counts);
        Assert.Equal([uscc], joined.Top.Select(t => t.Id));
        await AssertCountsAddUpAsync(from, left);
        await AssertCountsAddUpAsync(to, joined);
    }

    /// <summary>Two open critical hazards and a run of failed critical samples: red.</summary>
    private static IEnumerable<SignalToAppend> BadNews(string uscc, DateTimeOffset now) =>
    [
        Hazard(uscc, now.AddDays(-6), "H-1", open: true),
        Hazard(uscc, now.AddDays(-5), "H-2", open: true),
        .. Enumerable.Range(1, 4).Select(d => FailedSample(uscc, now.AddDays(-d), Severity.Critical)),
    ];

    /// <summary>Both hazards rectified and a long run of passed samples.</summary>
    private static IEnumerable<SignalToAppend> GoodNews(string uscc, DateTimeOffset now) =>
    [
        Hazard(uscc, now.AddHours(-3), "H-1", open: false),
        Hazard(uscc, now.AddHours(-2), "H-2", open: false),
        .. Enumerable.Range(1, 100).Select(m => PassedSample(uscc, now.AddMinutes(-m))),
    ];

    /// <summary>Registration as the API does it: the directory first, then the grain of a subject known before.</summary>
    private async Task RegisterEntityAsync(string uscc, string district)
    {
        var result = await engine.Directory.UpsertEntitiesAsync([new EntityRegistration(uscc, "moved", district, null, CreditClass.B)]);
        Assert.Contains(uscc, result.ChangedIds);
        await engine.Grains.GetEntity(uscc).RegisterAsync(new EntityProfileUpdate("moved", district, null, CreditClass.B));
    }

    private Task<DistrictSummary> SummaryAsync(string district) => engine.Grains.GetDistrict(district).GetSummaryAsync();

    private async Task AssertCountsAddUpAsync(string district, DistrictSummary summary)
    {
        var known = await engine.Directory.CountByDistrictAsync();
        Assert.Equal(known.GetValueOrDefault(district), summary.Counts.Total);
    }
}
