using System.Text.Json;
using RiskEngine.Domain;

namespace RiskEngine.Server.Import;

/// <summary>
/// A special-equipment register: code, class, owner, district, nextInspectionDue, lastMaintenance. The server reads a
/// unit's class from its code; a class column that says otherwise is a register error and the row is refused.
/// </summary>
public sealed class EquipmentRegistryKind : RegistryKind
{
    public override string Name => "equipment";

    public override string EndpointPath => "api/v1/equipment";

    public override IReadOnlyList<string> Columns { get; } = ["code", "class", "owner", "district", "nextInspectionDue", "lastMaintenance", "name"];

    public override bool TryWrite(IReadOnlyList<string?> fields, Utf8JsonWriter json, out string error)
    {
        if (!EquipmentCode.TryParse(fields[0], out var code, out var codeError))
        {
            error = $"code: {codeError}";
            return false;
        }

        if (fields[1] is { } stated && !SameClass(stated, code.Class))
        {
            error = $"class: '{stated}' is not the class of code {code.Value} ({(int)code.Class}, {code.Class})";
            return false;
        }

        json.WriteStartObject();
        json.WriteString("code", code.Value);
        WriteIfPresent(json, "owner", fields[2]);
        WriteIfPresent(json, "district", fields[3]);
        WriteIfPresent(json, "nextInspectionDue", fields[4]);
        WriteIfPresent(json, "lastMaintenanceAt", fields[5]);
        WriteIfPresent(json, "name", fields[6]);
        json.WriteEndObject();
        error = "";
        return true;
    }

    // Registers write the class as its catalogue digit ("3") or its name ("Elevator", "pressure-vessel").
    private static bool SameClass(string stated, EquipmentClass actual) =>
        stated == ((int)actual).ToString(System.Globalization.CultureInfo.InvariantCulture)
        || string.Equals(stated.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal), actual.ToString(), StringComparison.OrdinalIgnoreCase);
}
