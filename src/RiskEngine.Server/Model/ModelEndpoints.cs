using Microsoft.Extensions.Options;
using RiskEngine.Domain.Learning;
using RiskEngine.Grains.Learning;
using RiskEngine.Server.Auth;
using RiskEngine.Storage.Learning;

namespace RiskEngine.Server.Model;

/// <summary>The learning risk model: its version, fitted parameters and rolling quality; refits and rollbacks on demand.</summary>
public static class ModelEndpoints
{
    private const int VersionsShown = 10;

    public static RouteGroupBuilder MapModelEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/model", GetAsync)
            .WithName("GetModel").WithTags("Model")
            .WithSummary("The risk model in force: version, fitted parameters per category, recent versions, and rolling AUC and calibration per category")
            .RequireAuthorization(Policies.Read)
            .Produces<ModelResponse>();

        api.MapPost("/model/refit", RefitAsync)
            .WithName("RefitModel").WithTags("Model")
            .WithSummary("Fit the stored outcomes into a new version now (admin); every server takes it within its poll interval")
            .RequireAuthorization(Policies.ManageModel)
            .Produces<ModelResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPost("/model/rollback", RollbackAsync)
            .WithName("RollBackModel").WithTags("Model")
            .WithSummary("Store a new version carrying an earlier version's parameters (admin); 0 restores the seeded parameters")
            .RequireAuthorization(Policies.ManageModel)
            .Produces<ModelResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<IResult> GetAsync(ModelRefitter refitter, ModelStore store, IOptions<ModelOptions> options, CancellationToken cancellationToken) =>
        Results.Ok(await DescribeAsync(refitter, store, options.Value, cancellationToken));

    private static async Task<IResult> RefitAsync(ModelRefitter refitter, ModelStore store, IOptions<ModelOptions> options, CancellationToken cancellationToken)
    {
        var (change, _) = await refitter.RefitAsync(cancellationToken);
        return change switch
        {
            ModelChange.Stored => Results.Created("/api/v1/model", await DescribeAsync(refitter, store, options.Value, cancellationToken)),
            ModelChange.NotEnoughOutcomes => Results.Problem(title: "Not enough outcomes",
                detail: $"No category has {options.Value.MinCategoryOutcomes} outcomes with both labels yet; the current version stays in force.",
                statusCode: StatusCodes.Status409Conflict),
            _ => Results.Problem(title: "Superseded", detail: "Another server stored a new version at the same moment; it is in force now.",
                statusCode: StatusCodes.Status409Conflict),
        };
    }

    private static async Task<IResult> RollbackAsync(
        ModelRollbackRequest? request, ModelRefitter refitter, ModelStore store, IOptions<ModelOptions> options, CancellationToken cancellationToken)
    {
        if (request is null || request.Version < 0)
        {
            return Results.Problem(title: "Bad request", detail: "version: required, 0 (the seeded parameters) or a stored version below the current one.",
                statusCode: StatusCodes.Status400BadRequest);
        }

        var (change, _) = await refitter.RollbackAsync(request.Version, cancellationToken);
        return change switch
        {
            ModelChange.Stored => Results.Created("/api/v1/model", await DescribeAsync(refitter, store, options.Value, cancellationToken)),
            ModelChange.UnknownVersion => Results.Problem(title: "Unknown version",
                detail: $"There is no stored version {request.Version} below the current one to roll back to.", statusCode: StatusCodes.Status404NotFound),
            _ => Results.Problem(title: "Superseded", detail: "Another server stored a new version at the same moment; it is in force now.",
                statusCode: StatusCodes.Status409Conflict),
        };
    }

    private static async Task<ModelResponse> DescribeAsync(ModelRefitter refitter, ModelStore store, ModelOptions options, CancellationToken cancellationToken)
    {
        var current = (await refitter.SyncAsync(cancellationToken))?.Model ?? FittedModel.Seeded;
        var versions = await store.ListAsync(Math.Max(VersionsShown, 50), cancellationToken);
        var byVersion = versions.ToDictionary(v => v.Model.Version, v => v.Model);
        var (recent, _) = await store.RecentAsync(options.QualityWindow * 4, cancellationToken: cancellationToken);
        var quality = recent
            .GroupBy(o => o.Category, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Quality(g.Key, g.Take(options.QualityWindow).ToArray(), byVersion))
            .ToArray();
        return new ModelResponse(
            current.Version,
            current.Version == 0 ? null : current.FittedAt,
            current.Outcomes,
            current.Origin,
            current.Categories.Select(Fit).ToArray(),
            versions.Take(VersionsShown).Select(v => new ModelVersionResponse(v.Model.Version, v.Model.FittedAt, v.Model.Outcomes, v.Model.Origin, v.Model.Categories.Count)).ToArray(),
            quality);
    }

    private static CategoryFitResponse Fit(CategoryFit fit)
    {
        var layout = ComponentLayout.OfCategory(fit.Category);
        var coefficients = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < layout.Count && i < fit.Coefficients.Count; i++)
        {
            coefficients[layout[i]] = Math.Round(fit.Coefficients[i], 4);
        }

        return new CategoryFitResponse(fit.Category, Math.Round(fit.Intercept, 4), coefficients, fit.Outcomes, fit.Positives);
    }

    /// <summary>Each outcome scored by the version that was live when it came (the seeded model before any fit), so no fit is judged on outcomes it learned from.</summary>
    private static CategoryQualityResponse Quality(string category, IReadOnlyList<ModelOutcome> outcomes, IReadOnlyDictionary<int, FittedModel> versions)
    {
        var scored = outcomes
            .Select(o => new ScoredOutcome((versions.GetValueOrDefault(o.ModelVersion) ?? FittedModel.Seeded).ProbabilityOf(o), o.Positive))
            .ToArray();
        var quality = RankingQuality.Of(scored);
        return new CategoryQualityResponse(
            category,
            quality.Outcomes,
            quality.Positives,
            Finite(quality.Auc),
            Finite(quality.TopTenthRecall),
            quality.Calibration.Select(b => new CalibrationBinResponse(b.From, b.To, b.Count, Math.Round(b.MeanPredicted, 4), Math.Round(b.ObservedRate, 4))).ToArray(),
            outcomes.Min(o => o.OccurredAt),
            outcomes.Max(o => o.OccurredAt));
    }

    private static double? Finite(double value) => double.IsFinite(value) ? Math.Round(value, 4) : null;
}
