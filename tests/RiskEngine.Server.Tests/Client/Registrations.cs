using System.Text.Json.Nodes;

namespace RiskEngine.Server.Tests.Client;

/// <summary>Registration items of POST /api/v1/entities and /api/v1/equipment as a client writes them.</summary>
public static class Registrations
{
    public const string EntitiesPath = "/api/v1/entities";
    public const string EquipmentPath = "/api/v1/equipment";

    public static JsonObject Entity(string uscc, string name, string? district = null, string? industry = "catering", string? creditClass = null)
    {
        var item = new JsonObject { ["uscc"] = uscc, ["name"] = name };
        if (district is not null)
        {
            item["district"] = district;
        }

        if (industry is not null)
        {
            item["industry"] = industry;
        }

        if (creditClass is not null)
        {
            item["creditClass"] = creditClass;
        }

        return item;
    }

    public static JsonObject Unit(string code, string name, string? owner = null, string? district = null, string? nextInspectionDue = null)
    {
        var item = new JsonObject { ["code"] = code, ["name"] = name };
        if (owner is not null)
        {
            item["owner"] = owner;
        }

        if (district is not null)
        {
            item["district"] = district;
        }

        if (nextInspectionDue is not null)
        {
            item["nextInspectionDue"] = nextInspectionDue;
        }

        return item;
    }

    public static JsonArray Entities(params JsonNode?[] items) => new(items);

    public static JsonArray Units(params JsonNode?[] items) => new(items);
}
