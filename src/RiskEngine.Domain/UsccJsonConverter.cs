using System.Text.Json;
using System.Text.Json.Serialization;

namespace RiskEngine.Domain;

/// <summary>Writes a <see cref="Uscc"/> as its plain code so DTOs and snapshots read naturally.</summary>
public sealed class UsccJsonConverter : JsonConverter<Uscc>
{
    public override Uscc Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return Uscc.TryParse(text, out var uscc, out var error) ? uscc : throw new JsonException($"Invalid USCC '{text}': {error}");
    }

    public override void Write(Utf8JsonWriter writer, Uscc value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
}
