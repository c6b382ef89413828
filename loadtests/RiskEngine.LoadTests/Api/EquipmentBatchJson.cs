using System.Buffers;
using System.Globalization;
using System.Text.Json;
using RiskEngine.LoadTests.Workload;

namespace RiskEngine.LoadTests.Api;

/// <summary>
/// Writes a run of the equipment register as the JSON array body of POST /api/v1/equipment (the server's
/// EquipmentRegistrationRequest: code, name, owner, district, nextInspectionDue, lastMaintenanceAt).
/// </summary>
public static class EquipmentBatchJson
{
    public static void Write(IBufferWriter<byte> output, EquipmentPopulation units, int first, int count, DateTimeOffset now)
    {
        using var writer = new Utf8JsonWriter(output);
        writer.WriteStartArray();
        for (var index = first; index < first + count; index++)
        {
            writer.WriteStartObject();
            writer.WriteString("code"u8, units.CodeAt(index));
            writer.WriteString("name"u8, units.Name(index));
            writer.WriteString("owner"u8, units.OwnerUscc(index));
            writer.WriteString("district"u8, units.District(index));
            writer.WriteString("nextInspectionDue"u8, units.NextInspectionDue(index).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            writer.WriteString("lastMaintenanceAt"u8, units.LastMaintenanceAt(index, now));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
