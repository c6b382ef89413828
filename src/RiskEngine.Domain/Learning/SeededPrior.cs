using MathNet.Numerics.LinearAlgebra;

namespace RiskEngine.Domain.Learning;

/// <summary>
/// The coefficients the seeded noisy-OR implies: the logistic combination closest to it where the outcomes lie, found
/// by least squares of the seeded probability's log-odds on the components' log-odds (a small ridge keeps constant or
/// collinear components determined), with negative coefficients raised to 0; fit-only evidence gets 0. A fit is shrunk toward these, so where
/// data is thin a fitted category ranks and scores close to the seeded model.
/// </summary>
public static class SeededPrior
{
    private const double Ridge = 1e-3;

    /// <summary>Intercept first, then one coefficient per component of the category.</summary>
    public static double[] Implied(string category, IReadOnlyList<ModelOutcome> outcomes)
    {
        var components = ComponentLayout.OfCategory(category).Count;
        var ordered = outcomes.OrderBy(o => o, ModelOutcome.CanonicalOrder).ToArray();
        if (ordered.Length == 0)
        {
            return new double[components + 1];
        }

        var layout = ComponentLayout.OfCategory(category);
        var x = LogisticFit.Features(ordered, components);
        for (var i = 0; i < components; i++)
        {
            if (ComponentLayout.IsFitOnly(layout[i]))
            {
                x.ClearColumn(i + 1);
            }
        }

        var target = Vector<double>.Build.Dense(ordered.Length, i => LogOddsFeatures.LogOdds(ordered[i].Components.SeededProbability()));
        var normal = x.TransposeThisAndMultiply(x) + Ridge * Matrix<double>.Build.DenseIdentity(components + 1);
        var coefficients = normal.Cholesky().Solve(x.TransposeThisAndMultiply(target)).ToArray();
        for (var i = 1; i < coefficients.Length; i++)
        {
            coefficients[i] = Math.Max(0, coefficients[i]);
        }

        return coefficients;
    }
}
