namespace RiskEngine.Domain;

/// <summary>
/// How an entity's credit risk class (A-D) scales its industry's prior rates: the same differentiation
/// regulators apply to spot-check ratios (A &lt;= 5% ... D 61-100%).
/// </summary>
public sealed record CreditClassMultipliers(double A, double B, double C, double D)
{
    public double Of(CreditClass creditClass) => creditClass switch
    {
        CreditClass.A => A,
        CreditClass.B => B,
        CreditClass.C => C,
        CreditClass.D => D,
        _ => throw new ArgumentOutOfRangeException(nameof(creditClass), creditClass, "unknown credit class"),
    };

    internal static CreditClassMultipliers Read(SeedObject json)
    {
        var multipliers = new CreditClassMultipliers(
            json.Number("A", 0.01, 20), json.Number("B", 0.01, 20), json.Number("C", 0.01, 20), json.Number("D", 0.01, 20));
        if (!(multipliers.A <= multipliers.B && multipliers.B <= multipliers.C && multipliers.C <= multipliers.D))
        {
            throw json.Error("must not decrease from A to D");
        }
        return multipliers;
    }
}
