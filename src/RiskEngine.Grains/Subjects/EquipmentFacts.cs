using RiskEngine.Abstractions;
using RiskEngine.Domain;
using RiskEngine.Domain.Learning;
using RiskEngine.Storage;

namespace RiskEngine.Grains.Subjects;

/// <summary>A unit's registration; one nobody registered is scored by the class its code names, in no district.</summary>
public sealed class EquipmentFacts(EquipmentProfile profile, bool registered) : SubjectFacts
{
    public EquipmentProfile Profile { get; } = profile;

    public override SubjectKind Kind => SubjectKind.Equipment;

    public override string District => Profile.District ?? KnownDistricts.Unknown;

    public override string? Name => Profile.Name;

    public override bool Registered { get; } = registered;

    public override string? Category => Profile.Class.ToString();

    public override string? Owner => Profile.OwnerUscc;

    public static async Task<EquipmentFacts> LoadAsync(ISubjectDirectory directory, string code, CancellationToken cancellationToken)
    {
        var registration = await directory.FindEquipmentAsync(code, cancellationToken);
        return registration is null
            ? new EquipmentFacts(new EquipmentProfile(null, null, EquipmentCode.Parse(code).Class, null, null, null), registered: false)
            : new EquipmentFacts(new EquipmentProfile(registration.Name, registration.District, registration.Class, registration.OwnerUscc,
                registration.NextInspectionDue, registration.LastMaintenanceAt), registered: true);
    }

    public static EquipmentFacts From(EquipmentProfileUpdate update) =>
        new(new EquipmentProfile(update.Name, update.District, update.Class, update.OwnerUscc,
            update.NextInspectionDue is { } due ? DateOnly.FromDateTime(due) : null, update.LastMaintenanceAt), registered: true);

    public override RiskAssessment Assess(RiskModel model, SubjectState state, RiskHistory history, DateTimeOffset now) =>
        model.AssessEquipment(Profile, history, now);

    public override SubjectComponents Components(RiskModel model, SubjectState state, RiskHistory history, DateTimeOffset at) =>
        model.EquipmentComponents(Profile, history, at);
}
