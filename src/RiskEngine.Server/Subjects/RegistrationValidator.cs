using System.Globalization;
using System.Text.Json;
using RiskEngine.Domain;
using RiskEngine.Storage;

namespace RiskEngine.Server.Subjects;

/// <summary>Checks registrations against the identifier rules and the seeded catalogue.</summary>
public sealed class RegistrationValidator(RiskCatalog catalog)
{
    private const int MaxNameLength = 200;

    public bool TryValidateEntity(JsonElement item, out EntityRegistration? entity, out string error)
    {
        entity = null;
        if (!IsObject(item, out error))
        {
            return false;
        }

        if (!Uscc.TryParse(Text(item, "uscc"), out var uscc, out var usccError))
        {
            error = $"uscc: {usccError}";
            return false;
        }

        if (!TryName(item, out var name, out error) || !TryDistrict(item, uscc.DivisionCode, "the USCC's division", out var district, out error))
        {
            return false;
        }

        var industry = Text(item, "industry");
        if (industry is not null && catalog.Industries.All(i => i.Code != industry))
        {
            error = $"industry: unknown category '{industry}'; expected one of {string.Join(", ", catalog.Industries.Select(i => i.Code))}";
            return false;
        }

        var creditText = Text(item, "creditClass");
        var credit = CreditClass.B;
        if (creditText is not null && !Enum.TryParse(creditText, ignoreCase: true, out credit) || !Enum.IsDefined(credit))
        {
            error = "creditClass: expected A, B, C or D";
            return false;
        }

        entity = new EntityRegistration(uscc.Value, name, district!, industry, credit);
        return true;
    }

    public bool TryValidateEquipment(JsonElement item, out EquipmentRegistration? unit, out string error)
    {
        unit = null;
        if (!IsObject(item, out error))
        {
            return false;
        }

        if (!EquipmentCode.TryParse(Text(item, "code"), out var code, out var codeError))
        {
            error = $"code: {codeError}";
            return false;
        }

        string? owner = null;
        var ownerText = Text(item, "owner");
        if (ownerText is not null)
        {
            if (!Uscc.TryParse(ownerText, out var ownerUscc, out var ownerError))
            {
                error = $"owner: {ownerError}";
                return false;
            }

            owner = ownerUscc.Value;
        }

        if (!TryName(item, out var name, out error)
            || !TryDistrict(item, owner is null ? null : Uscc.Parse(owner).DivisionCode, "the owner's division", out var district, out error))
        {
            return false;
        }

        DateOnly? nextDue = null;
        if (Text(item, "nextInspectionDue") is { } dueText)
        {
            if (!DateOnly.TryParseExact(dueText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var due))
            {
                error = $"nextInspectionDue: '{dueText}' is not a date (yyyy-MM-dd)";
                return false;
            }

            nextDue = due;
        }

        DateTimeOffset? lastMaintenance = null;
        if (Text(item, "lastMaintenanceAt") is { } maintenanceText)
        {
            if (!DateTimeOffset.TryParse(maintenanceText, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at))
            {
                error = $"lastMaintenanceAt: '{maintenanceText}' is not an ISO 8601 timestamp";
                return false;
            }

            lastMaintenance = at;
        }

        unit = new EquipmentRegistration(code.Value, name, owner, district, code.Class, nextDue, lastMaintenance);
        return true;
    }

    private static bool IsObject(JsonElement item, out string error)
    {
        error = item.ValueKind == JsonValueKind.Object ? "" : "registration must be a JSON object";
        return error.Length == 0;
    }

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()?.Trim() : null;

    private static bool TryName(JsonElement item, out string? name, out string error)
    {
        name = Text(item, "name");
        error = name is { Length: > MaxNameLength } ? $"name: at most {MaxNameLength} characters" : "";
        return error.Length == 0;
    }

    private bool TryDistrict(JsonElement item, string? fallback, string fallbackName, out string? district, out string error)
    {
        district = Text(item, "district");
        if (district is null)
        {
            if (fallback is not null && catalog.FindDistrict(fallback) is not null)
            {
                district = fallback;
                error = "";
                return true;
            }

            error = fallback is null
                ? "district: required (no owner to take it from)"
                : $"district: required, since {fallbackName} ({fallback}) is not a district of this city";
            return false;
        }

        if (catalog.FindDistrict(district) is null)
        {
            error = $"district: '{district}' is not a district of this city; expected one of {string.Join(", ", catalog.Districts.Select(d => d.Code))}";
            return false;
        }

        error = "";
        return true;
    }
}
