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
    SnapshotFold fold,
    ILogger<EntityGrain> logger)
    : SubjectGrain<EntityState>(state, services, fold, logger), IEntityGrain
{
    protected override async Task<SubjectFacts> LoadFactsAsync(CancellationToken cancellationToken) =>
        await EntityFacts.LoadAsync(Services.Directory, SubjectId, cancellationToken);

    public Task RegisterAsync(EntityProfileUpdate profile)
    {
        // The old district, if any, hears that the subject left before the new one hears of it (see SubjectFold.Apply).
        Facts = EntityFacts.From(profile);
        return ChangedAsync(cause: 0, forceReports: true);
    }

    public Task ReportEquipmentAsync(string equipmentCode, double score, long version)
    {
        if (State.Equipment.TryGetValue(equipmentCode, out var known) && known.Version > version)
        {
            return Task.CompletedTask;
        }

        State.Equipment[equipmentCode] = new OwnedUnitRisk(score, version);
        return ChangedAsync(version, forceReports: false);
    }
}
