using System.Text.Json;

namespace RiskEngine.Domain;

/// <summary>Field access on a JSON object that treats an explicit null like an absent field, as the API does.</summary>
internal static class JsonFields
{
    public static bool TryGetPresent(JsonElement owner, string field, out JsonElement value)
    {
        if (owner.ValueKind == JsonValueKind.Object && owner.TryGetProperty(field, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }
        value = default;
        return false;
    }
}
