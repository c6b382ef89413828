namespace RiskEngine.LoadTests.Workload;

/// <summary>One special-equipment class of seeds/equipment-classes.json, as far as the generated register needs it.</summary>
/// <param name="Code">Class code, e.g. "3000" (its first digit is the class digit of every unit code).</param>
/// <param name="Zh">Chinese name, used in generated unit names.</param>
/// <param name="Share">Share of the city's registered units.</param>
/// <param name="InspectionIntervalMonths">Periodic-inspection interval.</param>
/// <param name="MaintenanceIntervalDays">Required maintenance interval (elevators 15 days).</param>
/// <param name="Varieties">Catalogue variety codes, e.g. "3110"; unit codes start with one of them.</param>
public sealed record EquipmentClassSeed(
    string Code, string Zh, double Share, int InspectionIntervalMonths, int MaintenanceIntervalDays, IReadOnlyList<string> Varieties)
{
    public bool IsElevator => Code == "3000";
}
