namespace RiskEngine.Domain.SpotChecks;

/// <summary>
/// The share of each credit class's entities a month's 双随机 plan inspects (DOMAIN.md: e.g. A &lt;= 5%, B 5-20%,
/// C 21-60%, D 61-100%). Every class has a ratio in [0, 1].
/// </summary>
public sealed record SpotCheckRatios
{
    private readonly double[] _byClass;

    public SpotCheckRatios(double a, double b, double c, double d)
    {
        _byClass = [a, b, c, d];
        if (_byClass.Any(r => !double.IsFinite(r) || r < 0 || r > 1))
        {
            throw new ArgumentOutOfRangeException(nameof(a), "every ratio must be within 0..1");
        }
    }

    public double Of(CreditClass creditClass) => _byClass[(int)creditClass];

    /// <summary>
    /// How many of <paramref name="population"/> entities of a class are drawn: population × ratio rounded to the nearest
    /// whole entity, halves up (2.5 -> 3), so the drawn count is never more than half an entity from the ratio.
    /// </summary>
    public int DrawnOf(CreditClass creditClass, int population)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(population);

        // Decimal keeps 1000 × 0.035 at exactly 35 (double gives 34.99999...), so the documented rounding is the one applied.
        var exact = population * (decimal)Of(creditClass);
        return (int)Math.Min(population, Math.Round(exact, MidpointRounding.AwayFromZero));
    }

    public bool Equals(SpotCheckRatios? other) => other is not null && _byClass.SequenceEqual(other._byClass);

    public override int GetHashCode() => HashCode.Combine(_byClass[0], _byClass[1], _byClass[2], _byClass[3]);
}
