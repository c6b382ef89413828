using System.Text.Json;
using RiskEngine.Server.Tests.Client;
using RiskEngine.Server.Tests.Contract;
using RiskEngine.Server.Tests.Hosting;

namespace RiskEngine.Server.Tests.Districts;

/// <summary>GET /api/v1/districts and /api/v1/city: the 13 districts of the seeds, counts per level and top subjects.</summary>
public sealed class DistrictReadTests(EngineServerFixture fixture) : IClassFixture<EngineServerFixture>, IDisposable
{
    private readonly EngineApi _api = new(fixture.Server.CreateClient(TestApiKeys.ReadOnly));
    private readonly EngineApi _feeder = new(fixture.Server.CreateClient(TestApiKeys.IngestOnly));
    private readonly SignalJson _signals = SignalJson.ForNewSource();

    [Fact]
    public async Task Every_district_of_the_seeds_is_listed_with_its_name_and_counts_that_add_up()
    {
        var districts = await _api.GetAsync<DistrictView[]>("/api/v1/districts");

        Assert.Equal(13, districts.Length);
        Assert.Equal(SeededDistrictCodes(), districts.Select(d => d.Code).Order(StringComparer.Ordinal));
        Assert.Equal("江岸区", districts.Single(d => d.Code == TestSubjects.Jiangan).Name);
        Assert.All(districts, d =>
        {
            Assert.False(string.IsNullOrWhiteSpace(d.Name));
            Assert.Equal(d.Total, d.Counts.Sum);
            Assert.Equal(d.Top.OrderByDescending(s => s.Score).Select(s => s.Id), d.Top.Select(s => s.Id));
        });
    }

    [Fact]
    public async Task Subjects_are_counted_in_their_district_and_flagged_ones_are_ranked_at_their_level()
    {
        var risky = TestSubjects.Uscc(TestSubjects.Wuchang);
        var quiet = Enumerable.Range(0, 3).Select(_ => TestSubjects.Uscc(TestSubjects.Wuchang)).ToArray();
        var before = await DistrictAsync(TestSubjects.Wuchang);
        var history = _signals.RiskyHistory(risky).ToArray();
        await _feeder.RegisterAsync(Registrations.EntitiesPath, Registrations.Entities([.. quiet.Select(q => Registrations.Entity(q, "安静小店"))]));
        await _feeder.IngestAsync(history);
        var read = await _api.WaitForEntityAsync(risky, history.Length);

        var after = await Eventually.ReadAsync(() => DistrictAsync(TestSubjects.Wuchang), d => d.Top.Any(s => s.Id == risky), "the district ranks the risky entity");

        Assert.Equal(before.Total + 4, after.Total);
        Assert.Equal(after.Total, after.Counts.Sum);
        Assert.Equal(before.Counts.Blue + 3, after.Counts.Blue);
        Assert.Equal(Count(before.Counts, read.Level) + 1, Count(after.Counts, read.Level));
        var ranked = Assert.Single(after.Top, s => s.Id == risky);
        Assert.Equal(("entity", TestSubjects.Wuchang, read.Level), (ranked.Kind, ranked.District, ranked.Level));
        Assert.Equal(read.Score, ranked.Score, 0.5);
        Assert.DoesNotContain(after.Top, s => quiet.Contains(s.Id));
    }

    [Fact]
    public async Task The_city_is_the_sum_of_its_districts_and_ranks_their_top_subjects()
    {
        var risky = TestSubjects.Uscc(TestSubjects.Jiangan);
        var history = _signals.RiskyHistory(risky).ToArray();
        await _feeder.IngestAsync(history);
        var read = await _api.WaitForEntityAsync(risky, history.Length);

        var city = await Eventually.ReadAsync(() => _api.GetAsync<CityView>("/api/v1/city"), c => c.Top.Any(s => s.Id == risky), "the city ranks the risky entity");

        Assert.Equal(13, city.Districts.Count);
        Assert.Equal(city.Total, city.Counts.Sum);
        Assert.Equal(city.Districts.Sum(d => d.Total), city.Total);
        Assert.Equal(city.Districts.Sum(d => d.Counts.Red), city.Counts.Red);
        Assert.Equal(city.Districts.Sum(d => d.Counts.Orange), city.Counts.Orange);
        Assert.Equal(city.Districts.Sum(d => d.Counts.Yellow), city.Counts.Yellow);
        Assert.Contains(city.Top, s => s.Id == risky && s.Level == read.Level);
        Assert.Equal(city.Top.OrderByDescending(s => s.Score).Select(s => s.Id), city.Top.Select(s => s.Id));
    }

    [Fact]
    public async Task One_district_reads_alone_and_an_unknown_code_is_not_found()
    {
        var district = await DistrictAsync(TestSubjects.Dongxihu);
        using var unknown = await _api.Http.GetAsync("/api/v1/districts/110101");

        Assert.Equal(("东西湖区", district.Total), (district.Name, district.Counts.Sum));
        await ProblemAssert.IsProblemAsync(unknown, System.Net.HttpStatusCode.NotFound);
    }

    public void Dispose()
    {
        _api.Dispose();
        _feeder.Dispose();
    }

    private Task<DistrictView> DistrictAsync(string code) => _api.GetAsync<DistrictView>($"/api/v1/districts/{code}");

    private static long Count(LevelCounts counts, string level) => level switch
    {
        "blue" => counts.Blue,
        "yellow" => counts.Yellow,
        "orange" => counts.Orange,
        "red" => counts.Red,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "not a level"),
    };

    private static IEnumerable<string> SeededDistrictCodes()
    {
        using var seeds = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Seeds, "districts.json")));
        return seeds.RootElement.GetProperty("districts").EnumerateArray().Select(d => d.GetProperty("code").GetString()!).Order(StringComparer.Ordinal).ToArray();
    }
}
