using Microsoft.Extensions.Logging;
using RiskEngine.Abstractions;
using RiskEngine.Domain;
using RiskEngine.Grains.Placement;
using RiskEngine.Storage;

namespace RiskEngine.Grains.Subjects;

/// <summary>A special-equipment unit (特种设备). Its risk also feeds the entity that owns it.</summary>
[SubjectOwnerPlacement]
public sealed class EquipmentGrain(
    [PersistentState("equipment", StorageNames.Subjects)] IPersistentState<EquipmentState> state,
    SubjectServices services,
    ILogger<EquipmentGrain> logger)
    : SubjectGrain<EquipmentState>(state, services, logger), IEquipmentGrain
{
    private EquipmentProfile _profile = new(null, null, EquipmentClass.Elevator, null, null, null);
    private bool _registered;
    private double? _scoreToldOwner;

    protected override SubjectKind Kind => SubjectKind.Equipment;

    protected override string District => _profile.District ?? KnownDistricts.Unknown;

    protected override string? Name => _profile.Name;

    protected override bool Registered => _registered;

    protected override string? Category => _profile.Class.ToString();

    protected override string? Owner => _profile.OwnerUscc;

    protected override async Task LoadProfileAsync(CancellationToken cancellationToken)
    {
        var registration = await Services.Directory.FindEquipmentAsync(SubjectId, cancellationToken);
        _registered = registration is not null;
        _profile = registration is null
            ? new EquipmentProfile(null, null, EquipmentCode.Parse(SubjectId).Class, null, null, null)
            : ToProfile(registration);
    }

    private static EquipmentProfile ToProfile(EquipmentRegistration registration) =>
        new(registration.Name, registration.District, registration.Class, registration.OwnerUscc,
            registration.NextInspectionDue, registration.LastMaintenanceAt);

    protected override RiskAssessment Assess(DateTimeOffset now) => Services.Model.AssessEquipment(_profile, History, now);

    public async Task RegisterAsync(EquipmentProfileUpdate profile)
    {
        if (profile.District != _profile.District)
        {
            await Services.Districts.ReportAsync(District,
                new SubjectLevelReport(SubjectId, Kind, Name, RiskLevel.Blue, 0, State.LastCause, State.MaxIngestedAt, null));
        }

        _profile = new EquipmentProfile(profile.Name, profile.District, profile.Class, profile.OwnerUscc,
            profile.NextInspectionDue is { } due ? DateOnly.FromDateTime(due) : null, profile.LastMaintenanceAt);
        _registered = true;
        Rescore();
        await ReportAsync(force: true);
        await OnRescoredAsync(activation: true);
    }

    protected override async Task OnRescoredAsync(bool activation)
    {
        if (_profile.OwnerUscc is not { } owner)
        {
            return;
        }

        var score = Assessment.Score;
        var ownerChanged = State.ReportedOwner != owner;
        if (!activation && !ownerChanged && Math.Abs(score - (_scoreToldOwner ?? -1)) < Services.Options.ReportScoreDelta)
        {
            return;
        }

        if (ownerChanged && State.ReportedOwner is { } previous)
        {
            await GrainFactory.GetEntity(previous).ReportEquipmentAsync(SubjectId, 0, State.LastCause);
        }

        await GrainFactory.GetEntity(owner).ReportEquipmentAsync(SubjectId, score, State.LastCause);
        _scoreToldOwner = score;
        if (ownerChanged)
        {
            State.ReportedOwner = owner;
            MarkChanged(State.LastCause);
        }
    }
}
