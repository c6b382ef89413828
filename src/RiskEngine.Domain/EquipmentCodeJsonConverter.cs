using System.Text.Json;
using System.Text.Json.Serialization;

namespace RiskEngine.Domain;

/// <summary>Writes an <see cref="EquipmentCode"/> as its plain code.</summary>
public sealed class EquipmentCodeJsonConverter : JsonConverter<EquipmentCode>
{
    public override EquipmentCode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return EquipmentCode.TryParse(text, out var code, out var error) ? code : throw new JsonException($"Invalid equipment code '{text}': {error}");
    }

    public override void Write(Utf8JsonWriter writer, EquipmentCode value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
}
