using System.Buffers;
using System.Text.Json;
using RiskEngine.LoadTests.Workload;

namespace RiskEngine.LoadTests.Api;

/// <summary>Writes a run of workload signals as the JSON array body of POST /api/v1/signals (API.md, "Signals").</summary>
public static class SignalBatchJson
{
    public static void Write(IBufferWriter<byte> output, SignalWorkload workload, IEnumerable<long> numbers)
    {
        using var writer = new Utf8JsonWriter(output);
        writer.WriteStartArray();
        foreach (var number in numbers)
        {
            var signal = workload.At(number);
            writer.WriteStartObject();
            writer.WriteString("source"u8, signal.Template.Source);
            writer.WriteString("sourceId"u8, signal.SourceId);
            writer.WriteString("kind"u8, signal.Template.KindWire);
            writer.WriteString("subjectId"u8, signal.SubjectId);
            writer.WriteString("occurredAt"u8, signal.OccurredAt);
            writer.WritePropertyName("data"u8);
            writer.WriteRawValue(signal.Template.WireData, skipInputValidation: true);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>The numbers first, first + 1, ..., first + count - 1.</summary>
    public static IEnumerable<long> Range(long first, int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return first + i;
        }
    }
}
