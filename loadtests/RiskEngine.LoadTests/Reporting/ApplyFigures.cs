using RiskEngine.LoadTests.Stats;

namespace RiskEngine.LoadTests.Reporting;

/// <summary>
/// How fast the engine applied signals while it made them durable, from the server's own count (<c>appliedTotal</c> of
/// GET /api/v1/system/stats) read at the start and the end of the measured span, and how far applying fell behind
/// (<c>applyLag</c>, read every few seconds in between).
/// </summary>
/// <param name="Applied">Signals applied between the two readings.</param>
/// <param name="Seconds">Between the two readings.</param>
/// <param name="AppliedPerSecond">Applied signals per second.</param>
/// <param name="AppliedToDurable">Applied per second over durable per second: about 1 when applying kept up.</param>
/// <param name="ApplyLagAtStart">Signals logged and not yet applied at the start of the span.</param>
/// <param name="ApplyLagAtEnd">And at its end.</param>
/// <param name="MaxApplyLag">The most seen in between (readings every few seconds, so a peak between two may be missed).</param>
/// <param name="DrainSeconds">From the end of the span until the lag was 0; null when it was 0 already, or did not drain in time.</param>
public sealed record ApplyFigures(
    long Applied,
    double Seconds,
    double AppliedPerSecond,
    double AppliedToDurable,
    long ApplyLagAtStart,
    long ApplyLagAtEnd,
    long MaxApplyLag,
    double? DrainSeconds)
{
    /// <summary>
    /// The figures between two readings (each summed over the servers), with the readings taken in between; null when
    /// a server does not report applied signals, or the two readings were not summed over as many servers (a server
    /// that did not answer one of them would show as a drop or a leap).
    /// </summary>
    public static ApplyFigures? Between(StatsSample start, StatsSample end, IEnumerable<StatsSample> between, double durablePerSecond)
    {
        if (start.AppliedTotal is not { } first || end.AppliedTotal is not { } last || end.Seconds <= start.Seconds || start.Servers != end.Servers)
        {
            return null;
        }

        var seconds = end.Seconds - start.Seconds;
        var applied = last - first;
        var lags = between
            .Where(s => s.Seconds >= start.Seconds && s.Seconds <= end.Seconds)
            .Append(start)
            .Append(end)
            .Select(s => s.ApplyLag ?? 0);
        var perSecond = applied / seconds;
        return new ApplyFigures(
            applied,
            Math.Round(seconds, 3),
            Math.Round(perSecond, 1),
            durablePerSecond > 0 ? Math.Round(perSecond / durablePerSecond, 4) : 0,
            start.ApplyLag ?? 0,
            end.ApplyLag ?? 0,
            lags.Max(),
            null);
    }
}
