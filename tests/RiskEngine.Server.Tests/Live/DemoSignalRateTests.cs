using RiskEngine.Server.Tests.Client;
using RiskEngine.Server.Tests.Hosting;

namespace RiskEngine.Server.Tests.Live;

/// <summary>A server whose only signals come from the demo feed, with trend points every second.</summary>
public sealed class DemoFeedServerFixture : EngineServerFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Demo:Enabled", "true"),
        new("Live:TrendInterval", "00:00:01"),
    ];
}

/// <summary>The wall's signal rate counts every signal the engine logs, not only those posted over HTTP.</summary>
public sealed class DemoSignalRateTests(DemoFeedServerFixture fixture) : IClassFixture<DemoFeedServerFixture>
{
    private sealed record TrendPointAnswer(DateTimeOffset At, long SignalsPerMinute);

    private sealed record TrendAnswer(IReadOnlyList<TrendPointAnswer> Points);

    [Fact]
    public async Task With_no_HTTP_ingest_the_demo_feeds_signals_show_in_the_trends_signals_per_minute()
    {
        using var api = new EngineApi(fixture.Server.CreateClient());

        var trend = await Eventually.ReadAsync(() => api.GetAsync<TrendAnswer>("/api/v1/city/trend"),
            t => t.Points.Count > 0 && t.Points[^1].SignalsPerMinute > 0, "the latest trend point counts the demo feed's signals",
            TimeSpan.FromSeconds(60));

        Assert.True(trend.Points[^1].SignalsPerMinute > 0);
    }
}
