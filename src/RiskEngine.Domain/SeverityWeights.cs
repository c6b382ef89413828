namespace RiskEngine.Domain;

/// <summary>How much of a serious failure a finding, hazard or sampling failure of each severity stands for, in [0, 1].</summary>
public sealed record SeverityWeights(double Minor, double Major, double Critical)
{
    public double Of(Severity severity) => severity switch
    {
        Severity.Minor => Minor,
        Severity.Major => Major,
        Severity.Critical => Critical,
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, "unknown severity"),
    };

    internal static SeverityWeights Read(SeedObject json)
    {
        var weights = new SeverityWeights(json.Number("minor", 0, 1), json.Number("major", 0, 1), json.Number("critical", 0, 1));
        if (!(weights.Minor <= weights.Major && weights.Major <= weights.Critical))
        {
            throw json.Error("must not decrease from minor to major to critical");
        }
        return weights;
    }
}
