using System.Text.Json;
using RiskEngine.Domain;

namespace RiskEngine.Server.Import;

/// <summary>A market-entity registry (credit publicity export): uscc, name, district, industry, creditClass.</summary>
public sealed class EntityRegistryKind : RegistryKind
{
    public override string Name => "entities";

    public override string EndpointPath => "api/v1/entities";

    public override IReadOnlyList<string> Columns { get; } = ["uscc", "name", "district", "industry", "creditClass"];

    public override bool TryWrite(IReadOnlyList<string?> fields, Utf8JsonWriter json, out string error)
    {
        if (!Uscc.TryParse(fields[0], out var uscc, out var usccError))
        {
            error = $"uscc: {usccError}";
            return false;
        }

        json.WriteStartObject();
        json.WriteString("uscc", uscc.Value);
        WriteIfPresent(json, "name", fields[1]);
        WriteIfPresent(json, "district", fields[2]);
        WriteIfPresent(json, "industry", fields[3]);
        WriteIfPresent(json, "creditClass", fields[4]);
        json.WriteEndObject();
        error = "";
        return true;
    }
}
