namespace RiskEngine.Domain.Learning;

/// <summary>A labelled outcome date of a backtest: the subject's next inspection on that date was bad or not.</summary>
public sealed record LabelledDate(string SubjectId, DateTimeOffset At, bool Positive);

/// <summary>
/// Replays a history of signals and scores each labelled outcome at its own date, over the subject's events that occurred
/// before it, as the engine's fold pairs outcomes (<see cref="OutcomeCapture"/>): the clock of the replay is each
/// outcome's date, so an old data set scores as it would have live, with its own time.
/// </summary>
public static class OutcomeReplay
{
    /// <param name="signals">Every subject's events (any order).</param>
    /// <param name="outcomes">The outcome dates to score.</param>
    /// <param name="components">A subject's components over a history at a time.</param>
    /// <param name="parameters">The model's parameters (history caps).</param>
    /// <param name="progress">Told the number of outcomes scored so far.</param>
    public static IReadOnlyList<ModelOutcome> Replay(
        IEnumerable<(string SubjectId, RiskEvent Event)> signals,
        IEnumerable<LabelledDate> outcomes,
        Func<string, RiskHistory, DateTimeOffset, SubjectComponents> components,
        RiskModelParameters parameters,
        IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(components);
        var eventsBySubject = signals.GroupBy(s => s.SubjectId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(s => s.Event).OrderBy(e => e.OccurredAt).ThenBy(e => e.Seq).ToArray(), StringComparer.Ordinal);
        var scored = new List<ModelOutcome>();
        var position = 0L;
        foreach (var subject in outcomes.GroupBy(o => o.SubjectId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var events = eventsBySubject.GetValueOrDefault(subject.Key) ?? [];
            var history = RiskHistory.Empty;
            var next = 0;
            foreach (var outcome in subject.OrderBy(o => o.At))
            {
                while (next < events.Length && events[next].OccurredAt < outcome.At)
                {
                    history = history.Apply(events[next++], parameters);
                }

                scored.Add(new ModelOutcome(subject.Key, ++position, outcome.At, components(subject.Key, history, outcome.At), outcome.Positive));
                if (scored.Count % 1000 == 0)
                {
                    progress?.Report(scored.Count);
                }
            }
        }

        progress?.Report(scored.Count);
        return scored;
    }
}
