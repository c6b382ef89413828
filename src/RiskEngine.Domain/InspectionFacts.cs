namespace RiskEngine.Domain;

/// <summary>An inspection's result and the severities of what it found.</summary>
public sealed record InspectionFacts(InspectionResult Result, IReadOnlyList<Severity> Findings) : SignalFacts
{
    // A private copy keeps the facts immutable whatever list the caller hands in (or null from a lenient deserialiser).
    public IReadOnlyList<Severity> Findings { get; init; } = Findings is null ? [] : Findings.ToArray();

    // Records compare collections by reference; two inspections with the same findings are the same facts.
    public bool Equals(InspectionFacts? other) =>
        other is not null && Result == other.Result && Findings.SequenceEqual(other.Findings);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Result);
        foreach (var finding in Findings)
        {
            hash.Add(finding);
        }
        return hash.ToHashCode();
    }
}
