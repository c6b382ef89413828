using Microsoft.Extensions.Logging;
using RiskEngine.Abstractions;
using RiskEngine.Domain;
using RiskEngine.Grains.Placement;

namespace RiskEngine.Grains.Subjects;

/// <summary>A special-equipment unit (特种设备). Its risk also feeds the entity that owns it.</summary>
[SubjectOwnerPlacement]
public sealed class EquipmentGrain(
    [PersistentState(StorageNames.EquipmentState, StorageNames.Subjects)] IPersistentState<EquipmentState> state,
    SubjectServices services,
    SnapshotFold fold,
    ILogger<EquipmentGrain> logger)
    : SubjectGrain<EquipmentState>(state, services, fold, logger), IEquipmentGrain
{
    protected override async Task<SubjectFacts> LoadFactsAsync(CancellationToken cancellationToken) =>
        await EquipmentFacts.LoadAsync(Services.Directory, SubjectId, cancellationToken);

    public Task RegisterAsync(EquipmentProfileUpdate profile)
    {
        // The old district and owner, if any, hear that the unit left before the new ones hear of it (see SubjectFold.Apply).
        Facts = EquipmentFacts.From(profile);
        return ChangedAsync(cause: 0, forceReports: true);
    }
}
