using MathNet.Numerics.LinearAlgebra;

namespace RiskEngine.Domain.Learning;

/// <summary>
/// Fits a category's combination: maximises the log-likelihood of the outcomes under σ(β₀ + Σ βᵢ·xᵢ) less
/// ½·Σ λᵢ(βᵢ - μᵢ)², with μ the prior mean and λᵢ scaled to the feature's spread (<see cref="FitSettings.PriorStrength"/>), by Newton's method (IRLS) on MathNet's dense Cholesky; with signs constrained,
/// a projected Newton method: coefficients held at 0 whose gradient pushes them below it form the active set, the
/// step is taken over the others, and the line search projects onto βᵢ &gt;= 0. The objective is strictly convex
/// (λ &gt; 0), so the answer is unique; outcomes are read in <see cref="ModelOutcome.CanonicalOrder"/>, so the same
/// outcomes give bit-identical coefficients whatever order they came in.
/// </summary>
public static class LogisticFit
{
    private const double MinCurvature = 1e-12;
    private const int MaxHalvings = 40;

    // p(1 - p) at p = ½: one outcome's curvature where it is largest.
    private const double QuarterCurvature = 0.25;

    // A feature that is almost always silent still gets a penalty, so its coefficient stays determined.
    private const double MinFeatureSquare = 1;

    /// <summary>Fits <paramref name="outcomes"/> (all of <paramref name="category"/>) toward <paramref name="priorMean"/> (intercept first).</summary>
    public static CategoryFit Fit(string category, IReadOnlyList<ModelOutcome> outcomes, IReadOnlyList<double> priorMean, FitSettings settings)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(settings);
        var components = ComponentLayout.OfCategory(category).Count;
        if (priorMean.Count != components + 1)
        {
            throw new ArgumentException($"expected {components + 1} prior coefficients (intercept first), got {priorMean.Count}", nameof(priorMean));
        }

        var ordered = outcomes.OrderBy(o => o, ModelOutcome.CanonicalOrder).ToArray();
        var x = Features(ordered, components);
        var y = Vector<double>.Build.Dense(ordered.Length, i => ordered[i].Positive ? 1 : 0);
        var mu = Vector<double>.Build.DenseOfEnumerable(priorMean);
        var lambda = Penalties(x, settings.PriorStrength);
        var beta = Project(mu.Clone(), settings.SignConstrained);
        var objective = Objective(x, y, beta, mu, lambda);
        for (var iteration = 0; iteration < settings.MaxIterations; iteration++)
        {
            var eta = x * beta;
            var p = eta.Map(LogOddsFeatures.Logistic);
            var gradient = x.TransposeThisAndMultiply(p - y) + lambda.PointwiseMultiply(beta - mu);
            var curvature = p.Map(v => Math.Max(v * (1 - v), MinCurvature));
            var hessian = x.TransposeThisAndMultiply(x.MapIndexed((row, _, value) => value * curvature[row]))
                + Matrix<double>.Build.DenseOfDiagonalVector(lambda);

            var free = Enumerable.Range(0, components + 1)
                .Where(i => !(settings.SignConstrained && i > 0 && beta[i] <= 0 && gradient[i] > 0))
                .ToArray();
            var step = Vector<double>.Build.Dense(components + 1);
            var freeHessian = Matrix<double>.Build.Dense(free.Length, free.Length, (r, c) => hessian[free[r], free[c]]);
            var freeGradient = Vector<double>.Build.Dense(free.Length, i => gradient[free[i]]);
            var freeStep = freeHessian.Cholesky().Solve(-freeGradient);
            for (var i = 0; i < free.Length; i++)
            {
                step[free[i]] = freeStep[i];
            }

            var (next, nextObjective) = LineSearch(x, y, mu, lambda, beta, step, objective, settings.SignConstrained);
            var moved = (next - beta).AbsoluteMaximum();
            beta = next;
            objective = nextObjective;
            if (moved < settings.Tolerance)
            {
                break;
            }
        }

        return new CategoryFit(category, beta[0], beta.Skip(1).ToArray(), ordered.Length, ordered.Count(o => o.Positive));
    }

    /// <summary>Each coefficient's penalty: <paramref name="strength"/> outcomes' curvature at p = ½ in its feature's scale.</summary>
    private static Vector<double> Penalties(Matrix<double> x, double strength)
    {
        var rows = Math.Max(1, x.RowCount);
        return Vector<double>.Build.Dense(x.ColumnCount, column =>
            strength * QuarterCurvature * Math.Max(MinFeatureSquare, x.Column(column).DotProduct(x.Column(column)) / rows));
    }

    /// <summary>The design matrix: a column of ones, then each component's log-odds above silence.</summary>
    internal static Matrix<double> Features(IReadOnlyList<ModelOutcome> outcomes, int components) =>
        Matrix<double>.Build.Dense(outcomes.Count, components + 1, (row, column) =>
            column == 0 ? 1 : LogOddsFeatures.Of(column - 1 < outcomes[row].Components.Effects.Count ? outcomes[row].Components.Effects[column - 1] : 0));

    /// <summary>Halves the (projected) step until the penalised negative log-likelihood falls, or keeps the point.</summary>
    private static (Vector<double> Beta, double Objective) LineSearch(
        Matrix<double> x, Vector<double> y, Vector<double> mu, Vector<double> lambda, Vector<double> beta, Vector<double> step, double objective, bool signConstrained)
    {
        var scale = 1.0;
        for (var halving = 0; halving < MaxHalvings; halving++, scale /= 2)
        {
            var candidate = Project(beta + scale * step, signConstrained);
            var candidateObjective = Objective(x, y, candidate, mu, lambda);
            if (candidateObjective <= objective)
            {
                return (candidate, candidateObjective);
            }
        }

        return (beta, objective);
    }

    private static Vector<double> Project(Vector<double> beta, bool signConstrained)
    {
        if (signConstrained)
        {
            for (var i = 1; i < beta.Count; i++)
            {
                beta[i] = Math.Max(0, beta[i]);
            }
        }

        return beta;
    }

    /// <summary>Σ log(1 + e^η) - yη, computed without overflow, plus ½·Σ λᵢ(βᵢ - μᵢ)².</summary>
    private static double Objective(Matrix<double> x, Vector<double> y, Vector<double> beta, Vector<double> mu, Vector<double> lambda)
    {
        var eta = x * beta;
        var sum = 0.0;
        for (var i = 0; i < eta.Count; i++)
        {
            var e = eta[i];
            var softplus = e > 0 ? e + Math.Log(1 + Math.Exp(-e)) : Math.Log(1 + Math.Exp(e));
            sum += softplus - y[i] * e;
        }

        var distance = beta - mu;
        return sum + distance.PointwiseMultiply(distance).DotProduct(lambda) / 2;
    }
}
