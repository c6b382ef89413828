using System.Text.Json;

namespace RiskEngine.Server.Import;

/// <summary>
/// One kind of registry file: its CSV columns, the endpoint that registers its rows, and how a row becomes that
/// endpoint's JSON item. Rows whose identifier cannot be valid are refused here, before a request is spent on them;
/// everything that needs the seeded catalogue (districts, industries) is left to the server's per-item answer.
/// </summary>
public abstract class RegistryKind
{
    /// <summary>The command's name for it: <c>entities</c> or <c>equipment</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The registration endpoint, relative to the server's address.</summary>
    public abstract string EndpointPath { get; }

    /// <summary>The header names this kind reads, the identifier first; the identifier column is required.</summary>
    public abstract IReadOnlyList<string> Columns { get; }

    /// <summary>
    /// Writes the row (its values in <see cref="Columns"/> order, null where the file has no such column or the
    /// field is empty) as one JSON object, or says why the row cannot be registered.
    /// </summary>
    public abstract bool TryWrite(IReadOnlyList<string?> fields, Utf8JsonWriter json, out string error);

    public static RegistryKind? Find(string name) => name switch
    {
        "entities" => new EntityRegistryKind(),
        "equipment" => new EquipmentRegistryKind(),
        _ => null,
    };

    protected static void WriteIfPresent(Utf8JsonWriter json, string property, string? value)
    {
        if (value is not null)
        {
            json.WriteString(property, value);
        }
    }
}
