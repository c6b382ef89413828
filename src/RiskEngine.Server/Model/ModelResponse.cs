namespace RiskEngine.Server.Model;

/// <summary>The risk model in force and how well it has ranked recent outcomes.</summary>
/// <param name="Version">The version in force (0: the seeded parameters).</param>
/// <param name="FittedAt">When it was fitted (or rolled back to); null for the seeded parameters.</param>
/// <param name="Outcomes">Outcomes it was fitted on.</param>
/// <param name="Origin">seed, fit, or rollback:N (a copy of version N).</param>
/// <param name="Categories">The fitted categories; every other category scores with the seeded noisy-OR.</param>
/// <param name="Versions">The latest stored versions, newest first, the current one included.</param>
/// <param name="Quality">Per category, the rolling ranking and calibration of its recent outcomes, each scored as the version live when it came scored it.</param>
public sealed record ModelResponse(
    int Version,
    DateTimeOffset? FittedAt,
    int Outcomes,
    string Origin,
    IReadOnlyList<CategoryFitResponse> Categories,
    IReadOnlyList<ModelVersionResponse> Versions,
    IReadOnlyList<CategoryQualityResponse> Quality);

/// <summary>One fitted category: P(bad outcome) = σ(intercept + Σ coefficient × log-odds of the component above silence).</summary>
/// <param name="Category">industry:CODE or equipment:CLASS.</param>
/// <param name="Intercept">Log-odds of a bad outcome when every component is silent.</param>
/// <param name="Coefficients">By component code; never negative (bad news never lowers risk).</param>
/// <param name="Outcomes">Outcomes it was fitted on.</param>
/// <param name="Positives">Of which bad.</param>
public sealed record CategoryFitResponse(string Category, double Intercept, IReadOnlyDictionary<string, double> Coefficients, int Outcomes, int Positives);

/// <summary>A stored version.</summary>
public sealed record ModelVersionResponse(int Version, DateTimeOffset FittedAt, int Outcomes, string Origin, int FittedCategories);

/// <summary>How a category's recent outcomes were ranked and predicted.</summary>
/// <param name="Category">industry:CODE or equipment:CLASS.</param>
/// <param name="Outcomes">Recent outcomes measured.</param>
/// <param name="Positives">Of which bad.</param>
/// <param name="Auc">P(a bad outcome was scored above a good one); null without both labels.</param>
/// <param name="TopTenthRecall">Share of the bad outcomes among the top-scored 10%.</param>
/// <param name="Calibration">Mean predicted probability against the observed rate, in bins of predicted probability.</param>
/// <param name="From">The oldest outcome measured.</param>
/// <param name="To">The newest outcome measured.</param>
public sealed record CategoryQualityResponse(
    string Category, int Outcomes, int Positives, double? Auc, double? TopTenthRecall, IReadOnlyList<CalibrationBinResponse> Calibration, DateTimeOffset From, DateTimeOffset To);

/// <summary>Outcomes whose predicted probability fell in [from, to).</summary>
public sealed record CalibrationBinResponse(double From, double To, int Count, double MeanPredicted, double ObservedRate);

/// <summary>Which version to restore (0: the seeded parameters).</summary>
public sealed record ModelRollbackRequest(int Version);
