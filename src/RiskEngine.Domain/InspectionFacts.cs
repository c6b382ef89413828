namespace RiskEngine.Domain;

/// <summary>An inspection's result and the severities of what it found.</summary>
public sealed record InspectionFacts(InspectionResult Result, IReadOnlyList<Severity> Findings) : SignalFacts
{
    public const int MaxPlanIdLength = 64;

    /// <summary>The 双随机 plan this inspection carries out, if any: its arrival closes that plan's task for the subject.</summary>
    public string? PlanId { get; init; }

    // A private copy keeps the facts immutable whatever list the caller hands in (or null from a lenient deserialiser).
    public IReadOnlyList<Severity> Findings { get; init; } = Findings is null ? [] : Findings.ToArray();

    // Records compare collections by reference; two inspections with the same findings are the same facts.
    public bool Equals(InspectionFacts? other) =>
        other is not null && Result == other.Result && PlanId == other.PlanId && Findings.SequenceEqual(other.Findings);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Result);
        hash.Add(PlanId);
        foreach (var finding in Findings)
        {
            hash.Add(finding);
        }
        return hash.ToHashCode();
    }
}
