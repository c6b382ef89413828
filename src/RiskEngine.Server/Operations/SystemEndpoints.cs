using System.Diagnostics;
using System.Security.Claims;
using RiskEngine.Grains;
using RiskEngine.Grains.Dispatch;
using RiskEngine.Server.Auth;
using RiskEngine.Server.Live;
using RiskEngine.Storage.Snapshots;

namespace RiskEngine.Server.Operations;

/// <summary>Operational reads: memory, activations, the ingest backlog, applied signals and resident snapshots, and the wall's last-hour trend.</summary>
public static class SystemEndpoints
{
    public static RouteGroupBuilder MapSystemEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/system/stats", GetStatsAsync)
            .WithName("GetSystemStats").WithTags("System")
            .WithSummary("This server's memory, ingest backlog, applied signals and resident snapshots, and the cluster's grain activations by type")
            .RequireAuthorization(Policies.Read)
            .Produces<SystemStatsResponse>().ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapGet("/city/trend", GetTrend)
            .WithName("GetCityTrend").WithTags("Districts")
            .WithSummary("The city over the last hour (a point every 10 s), oldest first")
            .RequireAuthorization(Policies.Read)
            .Produces<TrendResponse>().ProducesProblem(StatusCodes.Status403Forbidden);
        return api;
    }

    private static async Task<IResult> GetStatsAsync(
        ClaimsPrincipal user, IGrainFactory grains, IngestAdmission admission, EngineMetrics metrics, ResidentSnapshots snapshots)
    {
        if (!user.SeesCity())
        {
            return Results.Problem(title: "Forbidden", detail: "System figures are for city-wide roles and machines.", statusCode: StatusCodes.Status403Forbidden);
        }

        var statistics = await grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        var byType = statistics
            .GroupBy(s => ShortName(s.GrainType))
            .ToDictionary(g => g.Key, g => (long)g.Sum(s => s.ActivationCount), StringComparer.Ordinal);
        using var process = Process.GetCurrentProcess();
        return Results.Ok(new SystemStatsResponse(
            process.WorkingSet64,
            GC.GetTotalMemory(forceFullCollection: false),
            new ActivationCounts(byType.Values.Sum(), byType),
            (DateTime.UtcNow - process.StartTime.ToUniversalTime()).TotalSeconds,
            admission.ApplyLag,
            admission.Capacity,
            admission.LogQueueDepth,
            metrics.RefusedTotal,
            metrics.AppliedTotal,
            snapshots.Count,
            snapshots.PayloadBytes,
            snapshots.UnwrittenCount,
            snapshots.Conflicts));
    }

    private static IResult GetTrend(ClaimsPrincipal user, WallPublisher publisher) =>
        user.SeesCity()
            ? Results.Ok(new TrendResponse(publisher.Trend()))
            : Results.Problem(title: "Forbidden", detail: "The city trend is for city-wide roles; watch your districts instead.", statusCode: StatusCodes.Status403Forbidden);

    private static string ShortName(string grainType)
    {
        var name = grainType.Split(',')[0];
        return name[(name.LastIndexOf('.') + 1)..];
    }
}
