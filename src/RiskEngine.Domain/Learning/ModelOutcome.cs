namespace RiskEngine.Domain.Learning;

/// <summary>
/// One labelled outcome: a subject's components just before an outcome signal was folded (evaluated at the outcome's
/// event time, over the events that occurred before it), and whether the outcome was bad. The outcome itself never
/// shaped the components it is judged against.
/// </summary>
/// <param name="SubjectId">The entity's USCC or the unit's code.</param>
/// <param name="Seq">The outcome signal's log position (its identity: one outcome per signal).</param>
/// <param name="OccurredAt">The outcome's event time.</param>
/// <param name="Components">The subject's category and component effects before the outcome.</param>
/// <param name="Positive">Serious non-compliance, a failed sample or a failed equipment inspection.</param>
public sealed record ModelOutcome(string SubjectId, long Seq, DateTimeOffset OccurredAt, SubjectComponents Components, bool Positive)
{
    /// <summary>The version of the fitted parameters live when the outcome came (what the rolling quality judges).</summary>
    public int ModelVersion { get; init; }

    public string Category => Components.Category;

    /// <summary>The order fits read outcomes in, so a fit does not depend on the order they were handed in.</summary>
    public static IComparer<ModelOutcome> CanonicalOrder { get; } = Comparer<ModelOutcome>.Create((a, b) =>
    {
        var byTime = a.OccurredAt.UtcTicks.CompareTo(b.OccurredAt.UtcTicks);
        if (byTime != 0)
        {
            return byTime;
        }

        var bySubject = string.CompareOrdinal(a.SubjectId, b.SubjectId);
        return bySubject != 0 ? bySubject : a.Seq.CompareTo(b.Seq);
    });
}
