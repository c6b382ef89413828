using System.Net;
using RiskEngine.Server.Tests.Client;
using RiskEngine.Server.Tests.Contract;
using RiskEngine.Server.Tests.Hosting;

namespace RiskEngine.Server.Tests.Subjects;

/// <summary>GET /api/v1/entities/{uscc} and /api/v1/equipment/{code}: live, explained scores.</summary>
public sealed class SubjectReadTests(EngineServerFixture fixture) : IClassFixture<EngineServerFixture>, IDisposable
{
    private static readonly string[] Levels = ["blue", "yellow", "orange", "red"];

    private readonly EngineApi _api = new(fixture.Server.CreateClient());
    private readonly SignalJson _signals = SignalJson.ForNewSource();

    [Fact]
    public async Task An_entity_read_after_its_signals_carries_score_level_reasons_and_counts()
    {
        var entity = TestSubjects.Uscc(TestSubjects.Jiangan);
        var history = _signals.RiskyHistory(entity).ToArray();
        var posted = DateTimeOffset.UtcNow;
        await _api.IngestAsync(history);

        var risk = await _api.WaitForEntityAsync(entity, history.Length);

        Assert.Equal((entity, TestSubjects.Jiangan, history.Length), (risk.Id, risk.District, risk.SignalCount));
        Assert.InRange(risk.Score, 0.01, 100);
        Assert.Contains(risk.Level, Levels);
        Assert.Equal(ExpectedLevel(risk.Score), risk.Level);
        AssertExplained(risk);
        Assert.Contains(risk.Reasons, r => r.Code.Contains("complaint", StringComparison.OrdinalIgnoreCase));
        Assert.NotNull(risk.UpdatedAt);
        Assert.InRange(risk.UpdatedAt.Value, posted.AddSeconds(-5), DateTimeOffset.UtcNow.AddSeconds(5));
    }

    [Fact]
    public async Task A_risky_entity_scores_above_a_new_one_and_a_clean_record_scores_below_it()
    {
        var risky = TestSubjects.Uscc();
        var unknown = TestSubjects.Uscc();
        var clean = TestSubjects.Uscc();
        await _api.RegisterAsync(Registrations.EntitiesPath, Registrations.Entities(
            Registrations.Entity(risky, "风险大排档"), Registrations.Entity(unknown, "新开餐馆"), Registrations.Entity(clean, "老字号")));
        var riskyHistory = _signals.RiskyHistory(risky).ToArray();
        var cleanHistory = Enumerable.Range(0, 6).Select(i => _signals.PassedInspection(clean, hoursAgo: 24 * 60 * (i + 1))).ToArray();
        await _api.IngestAsync([.. riskyHistory, .. cleanHistory]);

        var riskyRead = await _api.WaitForEntityAsync(risky, riskyHistory.Length);
        var cleanRead = await _api.WaitForEntityAsync(clean, cleanHistory.Length);
        var unknownRead = await _api.GetEntityAsync(unknown);

        Assert.Equal(0, unknownRead.SignalCount);
        Assert.True(riskyRead.Score > unknownRead.Score, $"risky {riskyRead.Score} should score above new {unknownRead.Score}");
        Assert.True(unknownRead.Score > cleanRead.Score, $"new {unknownRead.Score} (unknown is not safe) should score above clean {cleanRead.Score}");
        Assert.True(cleanRead.Score > 0, "a clean record lowers risk, it does not remove it");
        Assert.True(Array.IndexOf(Levels, riskyRead.Level) >= Array.IndexOf(Levels, "orange"), $"a complaint burst with failed samples is {riskyRead.Level} ({riskyRead.Score})");
        Assert.Equal("blue", cleanRead.Level);
    }

    [Fact]
    public async Task An_invalid_uscc_is_a_bad_request_problem_naming_the_fault()
    {
        using var response = await _api.Http.GetAsync($"/api/v1/entities/{TestSubjects.UsccWithWrongCheckCharacter()}");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("check character", problem.Detail);
    }

    [Fact]
    public async Task A_valid_uscc_nobody_has_named_is_a_not_found_problem()
    {
        var entity = TestSubjects.Uscc();

        using var response = await _api.Http.GetAsync($"/api/v1/entities/{entity}");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains(entity, problem.Detail);
    }

    [Fact]
    public async Task A_unit_read_after_its_signals_is_scored_and_explained()
    {
        var owner = TestSubjects.Uscc(TestSubjects.Wuchang);
        var elevator = TestSubjects.ElevatorCode();
        var healthy = TestSubjects.ElevatorCode();
        await _api.RegisterAsync(Registrations.EquipmentPath, Registrations.Units(
            Registrations.Unit(elevator, "3号客梯", owner: owner), Registrations.Unit(healthy, "4号客梯", owner: owner)));
        var signals = new[] { _signals.FailedEquipmentInspection(elevator), _signals.Entrapment(elevator, 3), _signals.Entrapment(elevator, 2), _signals.Entrapment(elevator, 1) };
        await _api.IngestAsync(signals);

        var risk = await _api.WaitForEquipmentAsync(elevator, signals.Length);
        var calm = await _api.GetEquipmentAsync(healthy);

        Assert.Equal((elevator, "3号客梯", TestSubjects.Wuchang, signals.Length), (risk.Id, risk.Name, risk.District, risk.SignalCount));
        Assert.Contains(risk.Level, Levels);
        Assert.Equal(ExpectedLevel(risk.Score), risk.Level);
        AssertExplained(risk);
        Assert.True(risk.Score > calm.Score, $"failed inspection and entrapments {risk.Score} should score above an untroubled unit {calm.Score}");
        Assert.NotNull(risk.UpdatedAt);
    }

    [Fact]
    public async Task An_invalid_equipment_code_is_a_bad_request_problem()
    {
        using var response = await _api.Http.GetAsync("/api/v1/equipment/7000ABC");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.StartsWith("code:", problem.Detail);
    }

    [Fact]
    public async Task A_valid_equipment_code_nobody_has_named_is_a_not_found_problem()
    {
        var code = TestSubjects.ElevatorCode();

        using var response = await _api.Http.GetAsync($"/api/v1/equipment/{code}");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains(code, problem.Detail);
    }

    public void Dispose() => _api.Dispose();

    /// <summary>Levels by score (seeds/risk-model.json: 25, 50, 75) for a subject that only ever rose.</summary>
    private static string ExpectedLevel(double score) => score switch
    {
        < 25 => "blue",
        < 50 => "yellow",
        < 75 => "orange",
        _ => "red",
    };

    private static void AssertExplained(SubjectRisk risk)
    {
        Assert.NotEmpty(risk.Reasons);
        Assert.All(risk.Reasons, reason =>
        {
            Assert.False(string.IsNullOrWhiteSpace(reason.Code));
            Assert.False(string.IsNullOrWhiteSpace(reason.Zh));
            Assert.False(string.IsNullOrWhiteSpace(reason.En));
            Assert.True(reason.Contribution > 0, $"{reason.Code} contributes {reason.Contribution}");
        });
        Assert.Equal(risk.Reasons.OrderByDescending(r => r.Contribution).Select(r => r.Code), risk.Reasons.Select(r => r.Code));
        Assert.Equal(risk.Score, risk.Reasons.Sum(r => r.Contribution), 0.01 * risk.Reasons.Count + 0.01);
    }
}
