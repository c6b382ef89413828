namespace RiskEngine.LoadTests.Traffic;

/// <summary>Offered signals per second over a phase: constant, or a straight ramp from the first rate to the second.</summary>
public sealed record RateProfile(double StartPerSecond, double EndPerSecond)
{
    public static RateProfile Constant(double perSecond) => new(perSecond, perSecond);

    /// <summary>The rate at <paramref name="fraction"/> (0..1) of the phase.</summary>
    public double At(double fraction) => StartPerSecond + (EndPerSecond - StartPerSecond) * Math.Clamp(fraction, 0, 1);

    /// <summary>Signals offered over a phase of <paramref name="seconds"/>.</summary>
    public double Total(double seconds) => (StartPerSecond + EndPerSecond) / 2 * seconds;

    /// <summary>
    /// The time, after <paramref name="now"/> seconds into a phase of <paramref name="duration"/> seconds, by which the
    /// profile has offered <paramref name="signals"/> more signals: the rate integrated exactly, so a ramp's arrivals
    /// follow the ramp instead of lagging it. Infinity when the phase never offers that many more.
    /// </summary>
    public double AfterOffering(double now, double duration, double signals)
    {
        // rate(t) = a + b t, so the signals offered by t are a t + b t² / 2.
        var a = StartPerSecond;
        var b = (EndPerSecond - StartPerSecond) / duration;
        var target = a * now + b * now * now / 2 + signals;
        if (Math.Abs(b) < 1e-12)
        {
            return a > 0 ? target / a : double.PositiveInfinity;
        }

        var discriminant = a * a + 2 * b * target;
        return discriminant < 0 ? double.PositiveInfinity : (-a + Math.Sqrt(discriminant)) / b;
    }
}
