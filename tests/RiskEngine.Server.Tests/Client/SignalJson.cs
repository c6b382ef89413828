using System.Globalization;
using System.Text.Json.Nodes;

namespace RiskEngine.Server.Tests.Client;

/// <summary>Signals of the public contract as a client writes them, with a source of their own.</summary>
public sealed class SignalJson(string source)
{
    private int _next;

    /// <summary>A source no other test uses, so source ids never collide across tests.</summary>
    public static SignalJson ForNewSource() => new("test-" + Guid.NewGuid().ToString("n")[..12]);

    public string Source => source;

    public string NextSourceId() => "S-" + Interlocked.Increment(ref _next).ToString("D6", CultureInfo.InvariantCulture);

    public static string Timestamp(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    public static string HoursAgo(double hours) => Timestamp(DateTimeOffset.UtcNow.AddHours(-hours));

    public JsonObject Signal(string kind, string subjectId, JsonObject? data = null, double hoursAgo = 1, string? sourceId = null) => new()
    {
        ["source"] = source,
        ["sourceId"] = sourceId ?? NextSourceId(),
        ["kind"] = kind,
        ["subjectId"] = subjectId,
        ["occurredAt"] = HoursAgo(hoursAgo),
        ["data"] = data ?? new JsonObject(),
    };

    public JsonObject Complaint(string uscc, double hoursAgo = 1) => Signal("complaint", uscc, new JsonObject { ["category"] = "food" }, hoursAgo);

    public JsonObject FailedSampling(string uscc, double hoursAgo = 30) =>
        Signal("sampling", uscc, new JsonObject { ["result"] = "fail", ["item"] = "lead" }, hoursAgo);

    public JsonObject PassedInspection(string uscc, double hoursAgo = 50) =>
        Signal("inspection", uscc, new JsonObject { ["result"] = "pass", ["findings"] = new JsonArray() }, hoursAgo);

    public JsonObject RectifyInspection(string uscc, double hoursAgo = 50) =>
        Signal("inspection", uscc, new JsonObject
        {
            ["result"] = "rectify",
            ["findings"] = new JsonArray(new JsonObject { ["severity"] = "major" }),
        }, hoursAgo);

    public JsonObject FailedEquipmentInspection(string code, double hoursAgo = 20) =>
        Signal("equipment-inspection", code, new JsonObject { ["result"] = "fail", ["nextDue"] = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }, hoursAgo);

    public JsonObject Entrapment(string code, double hoursAgo = 5) => Signal("fault", code, new JsonObject { ["entrapment"] = true }, hoursAgo);

    /// <summary>The red flags of a risky entity: a complaint burst, failed samples and an inspection that ordered rectification.</summary>
    public IEnumerable<JsonObject> RiskyHistory(string uscc)
    {
        for (var i = 0; i < 6; i++)
        {
            yield return Complaint(uscc, hoursAgo: i + 1);
        }

        for (var i = 0; i < 3; i++)
        {
            yield return FailedSampling(uscc, hoursAgo: 30 + i);
        }

        yield return RectifyInspection(uscc);
    }

    /// <summary>Enough to turn any entity red: critical sampling failures, a complaint storm, the dishonest list, a closed shop.</summary>
    public IEnumerable<JsonObject> RedHistory(string uscc)
    {
        for (var i = 0; i < 6; i++)
        {
            yield return Signal("sampling", uscc, new JsonObject { ["result"] = "fail", ["severity"] = "critical" }, hoursAgo: i + 1);
        }

        for (var i = 0; i < 15; i++)
        {
            yield return Complaint(uscc, hoursAgo: i * 0.2);
        }

        yield return Signal("credit", uscc, new JsonObject { ["event"] = "dishonest-list" }, hoursAgo: 5);
        yield return Signal("inspection", uscc, new JsonObject
        {
            ["result"] = "closed",
            ["findings"] = new JsonArray(new JsonObject { ["severity"] = "critical" }, new JsonObject { ["severity"] = "critical" }),
        }, hoursAgo: 3);
    }

    public static JsonArray Batch(IEnumerable<JsonNode?> items) => new(items.Select(i => i?.DeepClone()).ToArray());
}
