using Microsoft.Extensions.Logging;
using RiskEngine.Abstractions;
using RiskEngine.Domain;
using RiskEngine.Grains.Placement;

namespace RiskEngine.Grains.Subjects;

/// <summary>A market entity (经营主体): its own signals plus the risk of the units it owns.</summary>
[SubjectOwnerPlacement]
public sealed class EntityGrain(
    [PersistentState(StorageNames.EntityState, StorageNames.Subjects)] IPersistentState<EntityState> state,
    SubjectServices services,
    ILogger<EntityGrain> logger)
    : SubjectGrain<EntityState>(state, services, logger), IEntityGrain
{
    protected override async Task<SubjectFacts> LoadFactsAsync(CancellationToken cancellationToken) =>
        await EntityFacts.LoadAsync(Services.Directory, SubjectId, cancellationToken);

    public async Task RegisterAsync(EntityProfileUpdate profile)
    {
        if (profile.District != Facts.District)
        {
            // The old district must forget the subject before the new one hears of it.
            await Services.Districts.ReportAsync(Facts.District,
                new SubjectLevelReport(SubjectId, SubjectKind.Entity, Facts.Name, RiskLevel.Blue, 0, State.LastCause, State.MaxIngestedAt, null));
        }

        Facts = EntityFacts.From(profile);
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
