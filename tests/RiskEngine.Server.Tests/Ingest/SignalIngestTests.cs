using System.Net;
using System.Text.Json.Nodes;
using RiskEngine.Server.Tests.Client;
using RiskEngine.Server.Tests.Contract;
using RiskEngine.Server.Tests.Hosting;

namespace RiskEngine.Server.Tests.Ingest;

/// <summary>POST /api/v1/signals: batches are checked item by item, valid items are kept, repeats are duplicates.</summary>
public sealed class SignalIngestTests(EngineServerFixture fixture) : IClassFixture<EngineServerFixture>, IDisposable
{
    private readonly EngineApi _api = new(fixture.Server.CreateClient());
    private readonly SignalJson _signals = SignalJson.ForNewSource();

    [Fact]
    public async Task A_mixed_batch_accepts_the_valid_signals_and_lists_each_invalid_one_by_index()
    {
        var entity = TestSubjects.Uscc();
        var elevator = TestSubjects.ElevatorCode();
        JsonNode?[] batch =
        [
            _signals.Complaint(entity),                                                                                       // 0 valid
            _signals.Complaint(TestSubjects.UsccWithWrongCheckCharacter()),                                                    // 1
            _signals.Signal("gossip", entity),                                                                                 // 2
            Without(_signals.Complaint(entity), "occurredAt"),                                                                 // 3
            With(_signals.Complaint(entity), "occurredAt", "2026-01-05T09:30:00"),                                             // 4
            With(_signals.Complaint(entity), "occurredAt", SignalJson.Timestamp(DateTimeOffset.UtcNow.AddDays(2))),            // 5
            _signals.Signal("inspection", entity, new JsonObject { ["result"] = "splendid" }),                                 // 6
            _signals.Signal("maintenance", entity),                                                                            // 7
            JsonValue.Create(42),                                                                                              // 8
            _signals.PassedInspection(entity),                                                                                 // 9 valid
            _signals.FailedEquipmentInspection(elevator),                                                                      // 10 valid
            _signals.Signal("hazard", elevator, new JsonObject { ["hazardId"] = "H-1", ["state"] = "open", ["severity"] = "major" }), // 11 valid
        ];

        var answer = await _api.IngestAsync(batch);

        Assert.Equal(4, answer.Accepted);
        Assert.Equal(0, answer.Duplicates);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], answer.Rejected.Select(r => r.Index));
        var errors = answer.Rejected.ToDictionary(r => r.Index, r => r.Error);
        Assert.Contains("check character", errors[1]);
        Assert.StartsWith("kind:", errors[2]);
        Assert.StartsWith("occurredAt:", errors[3]);
        Assert.StartsWith("occurredAt:", errors[4]);
        Assert.Contains("future", errors[5]);
        Assert.StartsWith("data.result", errors[6]);
        Assert.StartsWith("subjectId:", errors[7]);
        Assert.Contains("object", errors[8]);
        Assert.Equal(2, (await _api.WaitForEntityAsync(entity, 2)).SignalCount);
        Assert.Equal(2, (await _api.WaitForEquipmentAsync(elevator, 2)).SignalCount);
    }

    [Fact]
    public async Task An_equipment_signal_naming_a_modern_unit_code_that_also_passes_the_uscc_check_is_the_units()
    {
        var elevator = TestSubjects.ElevatorCodeThatIsAlsoAUscc();

        var answer = await _api.IngestAsync([_signals.Signal("maintenance", elevator), _signals.Entrapment(elevator)]);

        Assert.Equal(2, answer.Accepted);
        Assert.Empty(answer.Rejected);
        var unit = await _api.WaitForEquipmentAsync(elevator, 2);
        Assert.Equal(elevator, unit.Id);
    }

    [Fact]
    public async Task Posting_the_same_batch_again_counts_every_signal_as_a_duplicate()
    {
        var entity = TestSubjects.Uscc();
        var batch = _signals.RiskyHistory(entity).ToArray();

        var first = await _api.IngestAsync(batch);
        var second = await _api.IngestAsync(batch);

        Assert.Equal(new IngestAnswer(batch.Length, 0, []), first with { Rejected = [] });
        Assert.Empty(first.Rejected);
        Assert.Equal(0, second.Accepted);
        Assert.Equal(batch.Length, second.Duplicates);
        Assert.Empty(second.Rejected);
        var risk = await _api.WaitForEntityAsync(entity, batch.Length);
        Assert.Equal(batch.Length, risk.SignalCount);
    }

    [Fact]
    public async Task A_repeat_inside_one_batch_is_a_duplicate_of_the_first()
    {
        var entity = TestSubjects.Uscc();
        var complaint = _signals.Complaint(entity);

        var answer = await _api.IngestAsync([complaint, complaint.DeepClone(), _signals.Complaint(entity)]);

        Assert.Equal(2, answer.Accepted);
        Assert.Equal(1, answer.Duplicates);
        Assert.Empty(answer.Rejected);
    }

    [Fact]
    public async Task Ndjson_lines_are_signals_and_a_malformed_line_is_rejected_by_its_index()
    {
        var entity = TestSubjects.Uscc();
        var body = string.Join("\n",
            _signals.Complaint(entity).ToJsonString(),
            "{\"source\": \"broken",
            _signals.FailedSampling(entity).ToJsonString(),
            "",
            _signals.Complaint(TestSubjects.UsccWithWrongCheckCharacter()).ToJsonString()) + "\n";

        using var response = await _api.PostRawAsync("/api/v1/signals", body, EngineApi.NdjsonMediaType);

        await EngineApi.ExpectStatusAsync(response, HttpStatusCode.Accepted);
        var answer = await ContractJson.ReadAsync<IngestAnswer>(response);
        Assert.Equal(2, answer.Accepted);
        Assert.Equal([1, 3], answer.Rejected.Select(r => r.Index));
        Assert.Contains("malformed JSON", answer.Rejected[0].Error);
        Assert.Contains("check character", answer.Rejected[1].Error);
        Assert.Equal(2, (await _api.WaitForEntityAsync(entity, 2)).SignalCount);
    }

    [Fact]
    public async Task Malformed_json_is_a_bad_request_problem()
    {
        using var response = await _api.PostRawAsync("/api/v1/signals", "[{\"source\": \"12315\",", "application/json");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("JSON", problem.Detail);
    }

    [Fact]
    public async Task A_single_object_instead_of_an_array_is_a_bad_request_problem()
    {
        using var response = await _api.PostJsonAsync("/api/v1/signals", _signals.Complaint(TestSubjects.Uscc()));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("array", problem.Detail);
    }

    [Fact]
    public async Task An_empty_batch_is_accepted_with_nothing_in_it()
    {
        var answer = await _api.IngestAsync([]);

        Assert.Equal(new IngestAnswer(0, 0, []), answer with { Rejected = [] });
        Assert.Empty(answer.Rejected);
    }

    public void Dispose() => _api.Dispose();

    private static JsonObject With(JsonObject signal, string name, string value)
    {
        signal[name] = value;
        return signal;
    }

    private static JsonObject Without(JsonObject signal, string name)
    {
        signal.Remove(name);
        return signal;
    }
}
