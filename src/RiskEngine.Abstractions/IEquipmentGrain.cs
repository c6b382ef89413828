namespace RiskEngine.Abstractions;

/// <summary>A special-equipment unit (特种设备), keyed by <see cref="SubjectKeys.Equipment"/>.</summary>
public interface IEquipmentGrain : ISubjectGrain
{
    Task RegisterAsync(EquipmentProfileUpdate profile);
}
