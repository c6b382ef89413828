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
    ILogger<EquipmentGrain> logger)
    : SubjectGrain<EquipmentState>(state, services, logger), IEquipmentGrain
{
    protected override async Task<SubjectFacts> LoadFactsAsync(CancellationToken cancellationToken) =>
        await EquipmentFacts.LoadAsync(Services.Directory, SubjectId, cancellationToken);

    public async Task RegisterAsync(EquipmentProfileUpdate profile)
    {
        if (profile.District != Facts.District)
        {
            await Services.Districts.ReportAsync(Facts.District,
                new SubjectLevelReport(SubjectId, SubjectKind.Equipment, Facts.Name, RiskLevel.Blue, 0, State.LastCause, State.MaxIngestedAt, null));
        }

        Facts = EquipmentFacts.From(profile);
        Rescore();
        await ReportAsync(force: true);
        await OnRescoredAsync(activation: true);
    }

    protected override async Task OnRescoredAsync(bool activation)
    {
        if (await OwnerReports.SendAsync(GrainFactory, State, Facts, SubjectId, Assessment.Score, force: activation, Services.Options.ReportScoreDelta))
        {
            MarkChanged(State.LastCause);
        }
    }
}
