using System.Text.Json;
using System.Text.Json.Serialization;

namespace RiskEngine.Domain;

/// <summary>
/// Writes a <see cref="RiskEvent"/> as <c>{"seq","kind","occurredAt","facts"}</c> with the kind's wire
/// name and the facts in the API's wire shape (<see cref="SignalFactsCodec"/>), so a snapshot reads
/// like the signal log. Reading accepts the fields in any order: a snapshot kept in a store that
/// reorders keys (PostgreSQL jsonb) still loads.
/// </summary>
public sealed class RiskEventJsonConverter : JsonConverter<RiskEvent>
{
    public override RiskEvent Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("a risk event must be a JSON object");
        }
        if (!root.TryGetProperty("seq", out var seq) || !seq.TryGetInt64(out var seqValue))
        {
            throw new JsonException("risk event: seq missing or not an integer");
        }
        if (!root.TryGetProperty("kind", out var kind) || !SignalKinds.TryParseAnyWire(kind.GetString(), out var kindValue))
        {
            throw new JsonException("risk event: kind missing or unknown");
        }
        if (!root.TryGetProperty("occurredAt", out var occurredAt) || !occurredAt.TryGetDateTimeOffset(out var occurredAtValue))
        {
            throw new JsonException("risk event: occurredAt missing or not a date-time");
        }
        root.TryGetProperty("facts", out var facts);
        return SignalFactsCodec.TryParse(kindValue, facts, out var factsValue, out var error) && factsValue is not null
            ? new RiskEvent(seqValue, kindValue, occurredAtValue, factsValue)
            : throw new JsonException($"risk event {seqValue}: {error}");
    }

    public override void Write(Utf8JsonWriter writer, RiskEvent value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteNumber("seq", value.Seq);
        writer.WriteString("kind", value.Kind.ToWire());
        writer.WriteString("occurredAt", value.OccurredAt);
        writer.WritePropertyName("facts");
        writer.WriteRawValue(SignalFactsCodec.ToJson(value.Facts), skipInputValidation: true);
        writer.WriteEndObject();
    }
}
