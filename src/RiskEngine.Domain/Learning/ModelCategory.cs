namespace RiskEngine.Domain.Learning;

/// <summary>
/// The groups the combination is fitted per: an industry for market entities, an equipment class for units
/// ("industry:catering", "equipment:elevator"). A category with too few outcomes keeps the seeded combination.
/// </summary>
public static class ModelCategory
{
    public const string IndustryPrefix = "industry:";
    public const string EquipmentPrefix = "equipment:";

    public static string ForIndustry(string industryCode) => IndustryPrefix + industryCode.ToLowerInvariant();

    public static string ForEquipment(EquipmentClass equipmentClass) => EquipmentPrefix + equipmentClass.ToString().ToLowerInvariant();

    public static SubjectKind KindOf(string category) =>
        category.StartsWith(EquipmentPrefix, StringComparison.Ordinal) ? SubjectKind.Equipment : SubjectKind.Entity;
}
