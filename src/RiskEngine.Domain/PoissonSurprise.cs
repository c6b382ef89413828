using MathNet.Numerics;

namespace RiskEngine.Domain;

/// <summary>
/// How surprising k events are against a Poisson expectation λ, mapped to a probability. With the tail
/// q = P(N &gt;= k) and the surprise S = -ln q, p = 1 - exp(-(S / scale)^shape): zero for no events, small
/// for one event a subject of its kind has now and then, near one for a burst.
/// </summary>
internal static class PoissonSurprise
{
    public static double Probability(int count, double expected, BurstParameters parameters)
    {
        if (count <= 0)
        {
            return 0;
        }
        var tail = TailProbability(count, expected);
        if (tail <= 0)
        {
            return 1;
        }
        var surprise = -Math.Log(tail);
        return 1 - Math.Exp(-Math.Pow(surprise / parameters.SurpriseScale, parameters.SurpriseShape));
    }

    /// <summary>
    /// P(N &gt;= k) for N ~ Poisson(λ), computed as the regularised lower incomplete gamma P(k, λ): the same
    /// value as 1 - Poisson CDF(k - 1), but without the cancellation that turns a burst's tiny tail into 0.
    /// </summary>
    public static double TailProbability(int count, double expected) =>
        count <= 0 ? 1 : SpecialFunctions.GammaLowerRegularized(count, expected);
}
