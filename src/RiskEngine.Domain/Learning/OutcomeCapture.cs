namespace RiskEngine.Domain.Learning;

/// <summary>
/// Pairs an outcome signal with the subject's components just before it: evaluated at the outcome's event time over
/// the events that occurred before it, the outcome itself and anything later left out (a late or replayed outcome
/// finds its own signal, and perhaps later ones, already in the history). So no outcome ever shapes the score it is
/// judged against.
/// </summary>
public static class OutcomeCapture
{
    /// <param name="subjectId">The subject.</param>
    /// <param name="outcome">The signal being folded.</param>
    /// <param name="history">The subject's history, with or without the outcome folded in.</param>
    /// <param name="components">The subject's components over a history at a time (see <see cref="RiskModel.EntityComponents"/>).</param>
    /// <returns>The pair, or null when the signal is not an outcome.</returns>
    public static ModelOutcome? Pair(string subjectId, RiskEvent outcome, RiskHistory history, Func<RiskHistory, DateTimeOffset, SubjectComponents> components)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(components);
        if (OutcomeLabels.Of(outcome.Facts) is not { } positive)
        {
            return null;
        }

        var before = history.Events.All(e => e.OccurredAt < outcome.OccurredAt && e.Seq != outcome.Seq)
            ? history
            : new RiskHistory([.. history.Events.Where(e => e.OccurredAt < outcome.OccurredAt && e.Seq != outcome.Seq)], 0, 0);
        return new ModelOutcome(subjectId, outcome.Seq, outcome.OccurredAt, components(before, outcome.OccurredAt), positive);
    }
}
