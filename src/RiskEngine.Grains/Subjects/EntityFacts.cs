using RiskEngine.Abstractions;
using RiskEngine.Domain;
using RiskEngine.Domain.Learning;
using RiskEngine.Storage;

namespace RiskEngine.Grains.Subjects;

/// <summary>An entity's registration; one nobody registered is scored as a credit-class-B firm of its code's district.</summary>
public sealed class EntityFacts(EntityProfile profile, bool registered) : SubjectFacts
{
    public EntityProfile Profile { get; } = profile;

    public override SubjectKind Kind => SubjectKind.Entity;

    public override string District => Profile.District;

    public override string? Name => Profile.Name;

    public override bool Registered { get; } = registered;

    public override string? Category => Profile.Industry;

    public override string? Owner => null;

    public static async Task<EntityFacts> LoadAsync(ISubjectDirectory directory, string uscc, CancellationToken cancellationToken)
    {
        var registration = await directory.FindEntityAsync(uscc, cancellationToken);
        return registration is null
            ? new EntityFacts(new EntityProfile(null, Uscc.Parse(uscc).DivisionCode, null, CreditClass.B), registered: false)
            : new EntityFacts(new EntityProfile(registration.Name, registration.District, registration.Industry, registration.CreditClass), registered: true);
    }

    public static EntityFacts From(EntityProfileUpdate update) =>
        new(new EntityProfile(update.Name, update.District, update.Industry, update.CreditClass), registered: true);

    public override RiskAssessment Assess(RiskModel model, SubjectState state, RiskHistory history, DateTimeOffset now) =>
        model.AssessEntity(Profile, history, OwnedUnits(state), now);

    public override SubjectComponents Components(RiskModel model, SubjectState state, RiskHistory history, DateTimeOffset at) =>
        model.EntityComponents(Profile, history, OwnedUnits(state), at);

    private static EquipmentRisk[] OwnedUnits(SubjectState state) =>
        ((EntityState)state).Equipment.Select(e => new EquipmentRisk(e.Key, e.Value.Score)).ToArray();
}
