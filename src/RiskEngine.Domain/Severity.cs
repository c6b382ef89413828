namespace RiskEngine.Domain;

/// <summary>Severity of an inspection finding, a sampling failure or a hazard (wire: minor / major / critical).</summary>
public enum Severity
{
    Minor,
    Major,
    Critical,
}
