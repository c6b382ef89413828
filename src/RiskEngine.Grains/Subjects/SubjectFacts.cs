using RiskEngine.Domain;
using RiskEngine.Domain.Learning;

namespace RiskEngine.Grains.Subjects;

/// <summary>
/// What a subject's kind adds to folding its signals: its registration (where it belongs, what it is) and how it is
/// scored. A subject's grain holds one; the fold of subjects without a grain reads one per fold.
/// </summary>
public abstract class SubjectFacts
{
    public abstract SubjectKind Kind { get; }

    /// <summary>The district the subject belongs to, for reports and reads.</summary>
    public abstract string District { get; }

    public abstract string? Name { get; }

    /// <summary>Whether the subject is in the directory (a signal may name a subject nobody registered).</summary>
    public abstract bool Registered { get; }

    public abstract string? Category { get; }

    /// <summary>The entity that owns a unit; none for entities.</summary>
    public abstract string? Owner { get; }

    public abstract RiskAssessment Assess(RiskModel model, SubjectState state, RiskHistory history, DateTimeOffset now);

    /// <summary>The subject's components over <paramref name="history"/> at <paramref name="at"/>: what an outcome is paired with.</summary>
    public abstract SubjectComponents Components(RiskModel model, SubjectState state, RiskHistory history, DateTimeOffset at);
}
