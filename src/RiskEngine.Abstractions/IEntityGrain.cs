namespace RiskEngine.Abstractions;

/// <summary>A market entity (经营主体), keyed by <see cref="SubjectKeys.Entity"/>.</summary>
public interface IEntityGrain : ISubjectGrain
{
    Task RegisterAsync(EntityProfileUpdate profile);

    /// <summary>An owned unit's risk, which feeds the entity's. Ordered per unit by <paramref name="version"/>.</summary>
    Task ReportEquipmentAsync(string equipmentCode, double score, long version);
}
