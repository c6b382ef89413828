namespace RiskEngine.Domain;

/// <summary>
/// A special-equipment class and its figures: the prior of a unit with no history, and how much its
/// risks weigh.
/// </summary>
/// <param name="Weight">Scales every component weight of a unit of this class, in (0, 1]: boilers and pressure vessels more than site vehicles.</param>
/// <param name="InspectionIntervalMonths">Periodic-inspection interval (TSG rules), used when a pass gives no next due date.</param>
/// <param name="FaultsPer30Days">Expected faults per unit per 30 days.</param>
/// <param name="BaseRate">Probability that a unit with no record has a serious defect: the prior of the inspection-result and maintenance components.</param>
/// <param name="Share">Share of the city's units in this class (for generators).</param>
/// <param name="Varieties">Catalogue variety codes of the class (e.g. "3110").</param>
public sealed record EquipmentClassInfo(
    EquipmentClass Class,
    string Zh,
    string En,
    double Weight,
    int InspectionIntervalMonths,
    double FaultsPer30Days,
    double BaseRate,
    double Share,
    string[] Varieties)
{
    /// <summary>Longest gap between maintenance visits the rules allow (elevators: 15 days, TSG T5002).</summary>
    public int MaintenanceIntervalDays { get; init; }

    /// <summary>The varieties with their names, in the order of <see cref="Varieties"/>.</summary>
    public IReadOnlyList<EquipmentVariety> VarietyDetails { get; init; } = [];

    internal static EquipmentClassInfo Read(SeedObject json)
    {
        var code = json.Text("code");
        if (code.Length != 4 || !EquipmentCode.TryClassOf(code[0], out var equipmentClass) || code[1..] != "000")
        {
            throw json.Error("code", $"'{code}' is not a class code of the catalogue (1000, 2000, 3000, 4000, 5000, 6000, 8000, 9000)");
        }
        var varieties = json.Objects("varieties").Select(EquipmentVariety.Read).ToArray();
        if (varieties.Length == 0)
        {
            throw json.Error("varieties", "must list at least one variety");
        }
        foreach (var variety in varieties)
        {
            if (variety.Code.Length != 4 || variety.Code[0] != code[0])
            {
                throw json.Error("varieties", $"variety '{variety.Code}' does not belong to class {code}");
            }
        }
        return new EquipmentClassInfo(
            equipmentClass,
            json.Text("zh"),
            json.Text("en"),
            json.Number("weight", 0.01, 1),
            json.Integer("inspectionIntervalMonths", 1, 240),
            json.Number("faultsPer30Days", 0.0001, 1_000),
            json.Number("baseRate", 0.0001, 0.9999),
            json.Number("share", 0, 1),
            varieties.Select(variety => variety.Code).ToArray())
        {
            MaintenanceIntervalDays = json.Integer("maintenanceIntervalDays", 1, 3_650),
            VarietyDetails = varieties,
        };
    }
}
