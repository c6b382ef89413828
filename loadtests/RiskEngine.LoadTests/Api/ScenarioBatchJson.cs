using System.Buffers;
using System.Text.Json;
using RiskEngine.Domain;
using RiskEngine.LoadTests.Traffic;
using RiskEngine.LoadTests.Workload;

namespace RiskEngine.LoadTests.Api;

/// <summary>
/// Writes a planned batch as the JSON array body of POST /api/v1/signals (API.md, "Signals"): new and repeated
/// signals exactly as generated, spoiled ones with their one defect.
/// </summary>
public static class ScenarioBatchJson
{
    public static void Write(IBufferWriter<byte> output, IReadOnlyList<BatchItem> items)
    {
        using var writer = new Utf8JsonWriter(output);
        writer.WriteStartArray();
        foreach (var item in items)
        {
            Write(writer, item.Stream.At(item.Number), item.Malformation);
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes the given signals as they were generated (for re-posting acknowledged ones).</summary>
    public static void Write(IBufferWriter<byte> output, TrafficStream stream, IEnumerable<long> numbers)
    {
        using var writer = new Utf8JsonWriter(output);
        writer.WriteStartArray();
        foreach (var number in numbers)
        {
            Write(writer, stream.At(number), malformation: null);
        }

        writer.WriteEndArray();
    }

    private static void Write(Utf8JsonWriter writer, ScenarioSignal signal, Malformation? malformation)
    {
        writer.WriteStartObject();
        writer.WriteString("source"u8, signal.Template.Source);
        if (malformation != Malformation.MissingSourceId)
        {
            writer.WriteString("sourceId"u8, signal.SourceId);
        }

        writer.WriteString("kind"u8, malformation == Malformation.UnknownKind ? "rumour" : signal.Template.KindWire);
        writer.WriteString("subjectId"u8, malformation == Malformation.BadSubjectCode ? SpoiledSubject(signal) : signal.SubjectId);
        if (malformation == Malformation.BadOccurredAt)
        {
            writer.WriteString("occurredAt"u8, "yesterday afternoon");
        }
        else
        {
            writer.WriteString("occurredAt"u8, signal.OccurredAt);
        }

        writer.WritePropertyName("data"u8);
        if (malformation == Malformation.InvalidData)
        {
            // Every kind's data must be an object; a bare string is what a misconfigured export sends.
            writer.WriteStringValue("n/a");
        }
        else
        {
            writer.WriteRawValue(signal.Template.WireData, skipInputValidation: true);
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// The subject spoiled. For a kind about entities only, a USCC with a wrong check character (there is exactly
    /// one right one): the typo real sources make. A kind that may name an equipment unit (hazards too) would take
    /// such a string for an older-style unit code, so its subject gets a first character of 7 instead: no valid
    /// USCC (the check character no longer matches) and no unit code (7 is no special-equipment class).
    /// </summary>
    private static string SpoiledSubject(ScenarioSignal signal)
    {
        var subject = signal.SubjectId;
        if (signal.Template.Kind.AcceptsSubject(SubjectKind.Equipment))
        {
            return "7" + subject[1..];
        }

        return subject[..^1] + (subject[^1] == '0' ? '1' : '0');
    }
}
