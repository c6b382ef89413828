using Microsoft.Extensions.Logging;
using RiskEngine.Abstractions;
using RiskEngine.Domain;
using RiskEngine.Grains.Placement;

namespace RiskEngine.Grains.Subjects;

/// <summary>A market entity (经营主体): its own signals plus the risk of the units it owns.</summary>
[SubjectOwnerPlacement]
public sealed class EntityGrain(
    [PersistentState("entity", StorageNames.Subjects)] IPersistentState<EntityState> state,
    SubjectServices services,
    ILogger<EntityGrain> logger)
    : SubjectGrain<EntityState>(state, services, logger), IEntityGrain
{
    private EntityProfile _profile = new(null, "", null, CreditClass.B);
    private bool _registered;

    protected override SubjectKind Kind => SubjectKind.Entity;

    protected override string District => _profile.District;

    protected override string? Name => _profile.Name;

    protected override bool Registered => _registered;

    protected override string? Category => _profile.Industry;

    protected override string? Owner => null;

    protected override async Task LoadProfileAsync(CancellationToken cancellationToken)
    {
        var registration = await Services.Directory.FindEntityAsync(SubjectId, cancellationToken);
        _registered = registration is not null;
        _profile = registration is null
            ? new EntityProfile(null, Uscc.Parse(SubjectId).DivisionCode, null, CreditClass.B)
            : new EntityProfile(registration.Name, registration.District, registration.Industry, registration.CreditClass);
    }

    protected override RiskAssessment Assess(DateTimeOffset now)
    {
        var units = State.Equipment.Select(e => new EquipmentRisk(e.Key, e.Value.Score)).ToArray();
        return Services.Model.AssessEntity(_profile, History, units, now);
    }

    public async Task RegisterAsync(EntityProfileUpdate profile)
    {
        var moved = profile.District != _profile.District;
        if (moved)
        {
            // The old district must forget the subject before the new one hears of it.
            await Services.Districts.ReportAsync(_profile.District,
                new SubjectLevelReport(SubjectId, Kind, Name, RiskLevel.Blue, 0, State.LastCause, State.MaxIngestedAt, null));
        }

        _profile = new EntityProfile(profile.Name, profile.District, profile.Industry, profile.CreditClass);
        _registered = true;
        Rescore();
        await ReportAsync(force: true);
    }

    public async Task ReportEquipmentAsync(string equipmentCode, double score, long version)
    {
        if (State.Equipment.TryGetValue(equipmentCode, out var known) && known.Version > version)
        {
            return;
        }

        State.Equipment[equipmentCode] = new OwnedUnitRisk(score, version);
        MarkChanged(version);
        Rescore();
        await ReportAsync(force: false);
    }
}
