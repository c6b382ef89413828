using System.Buffers;
using System.Globalization;
using System.Text.Json;
using RiskEngine.LoadTests.Workload;

namespace RiskEngine.LoadTests.Api;

/// <summary>Writes a run of the population as the JSON array body of POST /api/v1/entities.</summary>
public static class EntityBatchJson
{
    public static void Write(IBufferWriter<byte> output, EntityPopulation entities, int first, int count)
    {
        using var writer = new Utf8JsonWriter(output);
        writer.WriteStartArray();
        for (var index = first; index < first + count; index++)
        {
            writer.WriteStartObject();
            writer.WriteString("uscc"u8, entities.UsccAt(index));
            writer.WriteString("name"u8, string.Create(CultureInfo.InvariantCulture, $"Load-test entity {index}"));
            writer.WriteString("district"u8, entities.District(index));
            writer.WriteString("industry"u8, entities.Industry(index));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
