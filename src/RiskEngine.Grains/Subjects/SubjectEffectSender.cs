using RiskEngine.Abstractions;
using RiskEngine.Grains.Alerts;
using RiskEngine.Grains.Dispatch;
using RiskEngine.Grains.Aggregates;

namespace RiskEngine.Grains.Subjects;

/// <summary>
/// Sends what folding a subject's signals owes the world (<see cref="SubjectEffects"/>): level reports to districts (gathered
/// by <see cref="DistrictReports"/>), a unit's score to its owner, alerts to their alert grains (through
/// <see cref="AlertOutbox"/>, off the apply path). The one place effects leave a subject, whichever caller applied its
/// signals. Every receiver takes a repeat as a repeat.
/// </summary>
public sealed class SubjectEffectSender(SubjectRouter subjects, DistrictReports districts, AlertOutbox alerts)
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
                await Bounded(subjects.ReportOwnedUnitAsync(previous, owner.Code, 0, owner.Version), limit);
            }

            await Bounded(subjects.ReportOwnedUnitAsync(owner.Owner, owner.Code, owner.Score, owner.Version), limit);
        }
    }

    /// <summary>Queues the alerts for their alert grains (<see cref="AlertOutbox"/>); completes once they are queued.</summary>
    public ValueTask QueueAlertsAsync(IReadOnlyList<AlertRaise> raises) =>
        raises.Count == 0 ? ValueTask.CompletedTask : alerts.QueueAsync(raises);

    private static Task Bounded(Task call, TimeSpan? limit) => limit is { } bound ? call.WaitAsync(bound) : call;
}
