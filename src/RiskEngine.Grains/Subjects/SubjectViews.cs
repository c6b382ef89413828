using RiskEngine.Abstractions;
using RiskEngine.Domain;

namespace RiskEngine.Grains.Subjects;

/// <summary>A subject's risk as readers see it, scored at the time of the read: the one way a grain or a read without one answers.</summary>
public static class SubjectViews
{
    public static SubjectRiskView Of(string subjectId, SubjectFacts facts, SubjectState state, RiskHistory history, SubjectServices services, DateTimeOffset now)
    {
        var assessment = facts.Assess(services.Model, state, history, now);
        var level = RiskLevels.Classify(assessment.Score, state.Level, services.Catalog.Parameters);
        return new SubjectRiskView(
            subjectId,
            facts.Kind,
            facts.Name,
            facts.District,
            Math.Round(assessment.Score, 2),
            level,
            assessment.Reasons.Select(ReasonViews.Of).ToArray(),
            state.UpdatedAt,
            state.SignalCount,
            facts.Registered,
            facts.Category,
            facts.Owner,
            state.LastSeq)
        {
            Probability = assessment.Probability,
            ModelVersion = assessment.ModelVersion,
        };
    }
}
