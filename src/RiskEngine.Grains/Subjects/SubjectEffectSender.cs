using RiskEngine.Abstractions;
using RiskEngine.Domain.Alerts;
using RiskEngine.Grains.Aggregates;

namespace RiskEngine.Grains.Subjects;

/// <summary>
/// Sends what folding a subject's signals owes the world (<see cref="SubjectEffects"/>): level reports to districts (gathered
/// by <see cref="DistrictReports"/>), a unit's score to its owner, alerts to their alert grains. The one place effects
/// leave a subject, whichever caller applied its signals. Every receiver takes a repeat as a repeat.
/// </summary>
public sealed class SubjectEffectSender(IGrainFactory grains, DistrictReports districts)
{
    /// <summary>Sends the district and owner reports; completes when each receiver applied its report.</summary>
    public async Task SendReportsAsync(SubjectEffects effects, TimeSpan? limit = null)
    {
        foreach (var (district, report) in effects.Reports)
        {
            await Bounded(districts.ReportAsync(district, report), limit);
        }

        if (effects.Owner is { } owner)
        {
            if (owner.PreviousOwner is { } previous)
            {
                await Bounded(grains.GetEntity(previous).ReportEquipmentAsync(owner.Code, 0, owner.Version), limit);
            }

            await Bounded(grains.GetEntity(owner.Owner).ReportEquipmentAsync(owner.Code, owner.Score, owner.Version), limit);
        }
    }

    /// <summary>Raises one alert; completes when its alert grain committed it.</summary>
    public Task RaiseAsync(AlertRaise raise, TimeSpan? limit = null) =>
        Bounded(grains.GetGrain<IAlertGrain>(AlertCase.IdOf(raise.Rule, raise.SubjectId)).RaiseAsync(raise), limit);

    private static Task Bounded(Task call, TimeSpan? limit) => limit is { } bound ? call.WaitAsync(bound) : call;
}
