using RiskEngine.Abstractions;
using RiskEngine.Domain;
using RiskEngine.Server.Auth;
using RiskEngine.Server.Http;
using RiskEngine.Server.Subjects;

namespace RiskEngine.Server.Districts;

/// <summary>District and city aggregates.</summary>
public static class DistrictEndpoints
{
    public static RouteGroupBuilder MapDistrictEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/districts", GetDistrictsAsync)
            .WithName("GetDistricts").WithTags("Districts")
            .WithSummary("Every district: counts per level and top subjects")
            .RequireAuthorization(Policies.Read)
            .Produces<DistrictResponse[]>();

        api.MapGet("/districts/{code}", GetDistrictAsync)
            .WithName("GetDistrict").WithTags("Districts")
            .WithSummary("One district: counts per level and top subjects")
            .RequireAuthorization(Policies.Read)
            .Produces<DistrictResponse>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/city", GetCityAsync)
            .WithName("GetCity").WithTags("Districts")
            .WithSummary("The city: totals per level, its top list and its districts")
            .RequireAuthorization(Policies.Read)
            .Produces<CityResponse>()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return api;
    }

    private static async Task<IResult> GetDistrictsAsync(IGrainFactory grains, RiskCatalog catalog, System.Security.Claims.ClaimsPrincipal user)
    {
        var city = await grains.GetGrain<ICityGrain>(0).GetSummaryAsync();
        return Results.Ok(city.Districts.Where(d => user.CanSee(d.Code)).Select(d => ToResponse(d, catalog)).ToArray());
    }

    private static async Task<IResult> GetDistrictAsync(string code, IGrainFactory grains, RiskCatalog catalog, System.Security.Claims.ClaimsPrincipal user)
    {
        // A district outside the caller's jurisdiction is answered as one that does not exist.
        if (catalog.FindDistrict(code) is null || !user.CanSee(code))
        {
            return UnknownDistrictProblem.For(code);
        }

        return Results.Ok(ToResponse(await grains.GetDistrict(code).GetSummaryAsync(), catalog));
    }

    private static async Task<IResult> GetCityAsync(IGrainFactory grains, RiskCatalog catalog, System.Security.Claims.ClaimsPrincipal user)
    {
        if (!user.SeesCity())
        {
            return Results.Problem(title: "Forbidden", detail: "The city view is for city-wide roles; read your districts instead.", statusCode: StatusCodes.Status403Forbidden);
        }

        var city = await grains.GetGrain<ICityGrain>(0).GetSummaryAsync();
        return Results.Ok(new CityResponse(
            ToResponse(city.Counts),
            city.Counts.Total,
            city.Top.Select(ToResponse).ToArray(),
            city.Districts.Select(d => ToResponse(d, catalog)).ToArray()));
    }

    public static DistrictResponse ToResponse(DistrictSummary summary, RiskCatalog catalog)
    {
        var district = catalog.FindDistrict(summary.Code);
        return new DistrictResponse(
            summary.Code,
            district?.Zh ?? summary.Code,
            district?.En ?? summary.Code,
            ToResponse(summary.Counts),
            summary.Counts.Total,
            summary.Top.Select(ToResponse).ToArray(),
            summary.MaxIngestedAt);
    }

    public static LevelCountsResponse ToResponse(LevelCounts counts) => new(counts.Blue, counts.Yellow, counts.Orange, counts.Red);

    public static RankedSubjectResponse ToResponse(RankedSubject subject) => new(
        subject.Id,
        subject.Kind == SubjectKind.Entity ? "entity" : "equipment",
        subject.Name,
        subject.District,
        subject.Score,
        subject.Level.ToWire(),
        subject.TopReason is { } r ? new ReasonResponse(r.Code, r.Zh, r.En, r.Contribution) : null);
}
