using System.Net;
using System.Text.Json.Nodes;
using RiskEngine.Server.Tests.Client;
using RiskEngine.Server.Tests.Contract;
using RiskEngine.Server.Tests.Hosting;

namespace RiskEngine.Server.Tests.Subjects;

/// <summary>POST /api/v1/entities and /api/v1/equipment: idempotent upserts, bad items refused by index.</summary>
public sealed class RegistrationTests(EngineServerFixture fixture) : IClassFixture<EngineServerFixture>, IDisposable
{
    private readonly EngineApi _api = new(fixture.Server.CreateClient());
    private readonly SignalJson _signals = SignalJson.ForNewSource();

    [Fact]
    public async Task Entities_are_created_then_updated_and_read_back_with_their_registration()
    {
        var first = TestSubjects.Uscc(TestSubjects.Dongxihu);
        var second = TestSubjects.Uscc(TestSubjects.Jiangan);

        var created = await _api.RegisterAsync(Registrations.EntitiesPath, Registrations.Entities(
            Registrations.Entity(first, "东西湖小吃店"), Registrations.Entity(second, "江岸药房", industry: "pharmacy", creditClass: "A")));
        var updated = await _api.RegisterAsync(Registrations.EntitiesPath, Registrations.Entities(
            Registrations.Entity(first, "东西湖小吃店（新址）"), Registrations.Entity(second, "江岸药房", industry: "pharmacy", creditClass: "A")));

        Assert.Equal(new RegistrationAnswer(2, 0, []), created with { Rejected = [] });
        Assert.Empty(created.Rejected);
        Assert.Equal(new RegistrationAnswer(0, 2, []), updated with { Rejected = [] });
        Assert.Empty(updated.Rejected);
        var read = await _api.GetEntityAsync(first);
        Assert.Equal((first, "东西湖小吃店（新址）", TestSubjects.Dongxihu, 0), (read.Id, read.Name, read.District, read.SignalCount));
        var other = await _api.GetEntityAsync(second);
        Assert.Equal(("江岸药房", TestSubjects.Jiangan), (other.Name, other.District));
    }

    [Fact]
    public async Task Bad_entity_registrations_are_refused_by_index_and_the_good_ones_kept()
    {
        var good = TestSubjects.Uscc();
        JsonNode?[] items =
        [
            Registrations.Entity(TestSubjects.UsccWithWrongCheckCharacter(), "错码"),    // 0
            Registrations.Entity(good, "好店"),                                          // 1 valid
            Registrations.Entity(TestSubjects.Uscc(), "外地", district: "110101"),      // 2 not a district of this city
            Registrations.Entity(TestSubjects.Uscc(), "炼金", industry: "alchemy"),    // 3
            Registrations.Entity(TestSubjects.Uscc(), "信用", creditClass: "E"),        // 4
            JsonValue.Create("not an object"),                                           // 5
        ];

        var answer = await _api.RegisterAsync(Registrations.EntitiesPath, new JsonArray(items));

        Assert.Equal((1, 0), (answer.Created, answer.Updated));
        Assert.Equal([0, 2, 3, 4, 5], answer.Rejected.Select(r => r.Index));
        var errors = answer.Rejected.ToDictionary(r => r.Index, r => r.Error);
        Assert.StartsWith("uscc:", errors[0]);
        Assert.Contains("check character", errors[0]);
        Assert.StartsWith("district:", errors[2]);
        Assert.StartsWith("industry:", errors[3]);
        Assert.StartsWith("creditClass:", errors[4]);
        Assert.Contains("object", errors[5]);
        Assert.Equal("好店", (await _api.GetEntityAsync(good)).Name);
    }

    [Fact]
    public async Task An_entity_whose_uscc_names_no_district_of_the_city_needs_one()
    {
        var beijing = TestSubjects.Uscc("110101");

        var refused = await _api.RegisterAsync(Registrations.EntitiesPath, Registrations.Entities(Registrations.Entity(beijing, "北京分店")));
        var placed = await _api.RegisterAsync(Registrations.EntitiesPath, Registrations.Entities(Registrations.Entity(beijing, "北京分店", district: TestSubjects.Wuchang)));

        Assert.Equal([0], refused.Rejected.Select(r => r.Index));
        Assert.StartsWith("district:", refused.Rejected[0].Error);
        Assert.Equal(1, placed.Created);
        Assert.Equal(TestSubjects.Wuchang, (await _api.GetEntityAsync(beijing)).District);
    }

    [Fact]
    public async Task Equipment_is_created_then_updated_and_takes_its_district_from_its_owner()
    {
        var owner = TestSubjects.Uscc(TestSubjects.Jiangan);
        var owned = TestSubjects.ElevatorCode();
        var placed = TestSubjects.ElevatorCode();

        var created = await _api.RegisterAsync(Registrations.EquipmentPath, Registrations.Units(
            Registrations.Unit(owned, "1号客梯", owner: owner, nextInspectionDue: "2027-03-01"),
            Registrations.Unit(placed, "2号客梯", district: TestSubjects.Wuchang)));
        var updated = await _api.RegisterAsync(Registrations.EquipmentPath, Registrations.Units(
            Registrations.Unit(owned, "1号客梯（东）", owner: owner, nextInspectionDue: "2027-03-01")));

        Assert.Equal((2, 0), (created.Created, created.Updated));
        Assert.Empty(created.Rejected);
        Assert.Equal((0, 1), (updated.Created, updated.Updated));
        var unit = await _api.GetEquipmentAsync(owned);
        Assert.Equal((owned, "1号客梯（东）", TestSubjects.Jiangan), (unit.Id, unit.Name, unit.District));
        Assert.Equal(TestSubjects.Wuchang, (await _api.GetEquipmentAsync(placed)).District);
    }

    [Fact]
    public async Task Bad_equipment_registrations_are_refused_by_index()
    {
        var good = TestSubjects.ElevatorCode();
        JsonNode?[] items =
        [
            Registrations.Unit("7100123452015000001", "压力管道元件", district: TestSubjects.Wuchang),       // 0 class 7 is parts, not units
            Registrations.Unit(TestSubjects.ElevatorCode(), "无处安放"),                                    // 1 no district, no owner
            Registrations.Unit(good, "好梯", district: TestSubjects.Wuchang),                              // 2 valid
            Registrations.Unit(TestSubjects.ElevatorCode(), "坏主", owner: TestSubjects.UsccWithWrongCheckCharacter()), // 3
            Registrations.Unit(TestSubjects.ElevatorCode(), "坏期", district: TestSubjects.Wuchang, nextInspectionDue: "next spring"), // 4
            Registrations.Unit("31", "太短", district: TestSubjects.Wuchang),                              // 5
        ];

        var answer = await _api.RegisterAsync(Registrations.EquipmentPath, new JsonArray(items));

        Assert.Equal((1, 0), (answer.Created, answer.Updated));
        Assert.Equal([0, 1, 3, 4, 5], answer.Rejected.Select(r => r.Index));
        var errors = answer.Rejected.ToDictionary(r => r.Index, r => r.Error);
        Assert.StartsWith("code:", errors[0]);
        Assert.StartsWith("district:", errors[1]);
        Assert.StartsWith("owner:", errors[3]);
        Assert.StartsWith("nextInspectionDue:", errors[4]);
        Assert.StartsWith("code:", errors[5]);
        Assert.Equal("好梯", (await _api.GetEquipmentAsync(good)).Name);
    }

    [Fact]
    public async Task A_malformed_registration_body_is_a_bad_request_problem()
    {
        using var response = await _api.PostRawAsync(Registrations.EntitiesPath, "{\"uscc\":", "application/json");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Moving_a_flagged_entity_to_another_district_moves_it_in_the_aggregates()
    {
        var entity = TestSubjects.Uscc(TestSubjects.Dongxihu);
        await _api.RegisterAsync(Registrations.EntitiesPath, Registrations.Entities(Registrations.Entity(entity, "搬家餐馆")));
        var history = _signals.RiskyHistory(entity).ToArray();
        await _api.IngestAsync(history);
        var flagged = await _api.WaitForEntityAsync(entity, history.Length);
        Assert.NotEqual("blue", flagged.Level);
        var before = await Eventually.ReadAsync(Districts, d => d[TestSubjects.Dongxihu].Top.Any(s => s.Id == entity), "Dongxihu ranks the entity");

        var moved = await _api.RegisterAsync(Registrations.EntitiesPath, Registrations.Entities(Registrations.Entity(entity, "搬家餐馆", district: TestSubjects.Jiangan)));

        Assert.Equal(1, moved.Updated);
        var read = await _api.GetEntityAsync(entity);
        Assert.Equal(TestSubjects.Jiangan, read.District);
        Assert.Equal(flagged.Score, read.Score, 0.5);
        var after = await Districts();
        Assert.DoesNotContain(after[TestSubjects.Dongxihu].Top, s => s.Id == entity);
        Assert.Contains(after[TestSubjects.Jiangan].Top, s => s.Id == entity && s.Level == flagged.Level);
        Assert.Equal(before[TestSubjects.Dongxihu].Total - 1, after[TestSubjects.Dongxihu].Total);
        Assert.Equal(before[TestSubjects.Jiangan].Total + 1, after[TestSubjects.Jiangan].Total);
    }

    public void Dispose() => _api.Dispose();

    private async Task<Dictionary<string, DistrictView>> Districts() =>
        (await _api.GetAsync<DistrictView[]>("/api/v1/districts")).ToDictionary(d => d.Code);
}
