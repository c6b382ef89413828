using Microsoft.Extensions.DependencyInjection.Extensions;
using RiskEngine.Domain;
using RiskEngine.Grains.Dispatch;
using RiskEngine.Server.Live;
using RiskEngine.Server.SpotChecks;
using RiskEngine.Server.Targets;
using RiskEngine.Storage;
using RiskEngine.Storage.SpotChecks;
using RiskEngine.Storage.Targets;

namespace RiskEngine.Server.Hosting;

/// <summary>
/// 双随机 plans (their settings from the seeds, stores, planner, the task closer), the targets panel's figures, and the
/// listeners of the signal log's commits: dispatch, the wall's throughput meter, the task closer and the sampling tally
/// all hear every signal, whatever brought it in.
/// </summary>
public static class SpotCheckComposition
{
    public static WebApplicationBuilder AddSpotChecks(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(sp => SeedCatalogLoader.LoadSpotChecks(SeedCatalogLoader.FindDirectory(builder.Configuration), sp.GetRequiredService<RiskCatalog>()));
        services.AddSingleton<InspectionPlanStore>();
        services.AddSingleton<InspectorRoster>();
        services.AddSingleton<SpotCheckPopulation>();
        services.AddSingleton<InspectionPlanner>();
        services.AddSingleton<PlanTaskCloser>();
        services.AddHostedService(sp => sp.GetRequiredService<PlanTaskCloser>());
        services.AddHostedService<RosterSeeding>();
        services.AddSingleton<SamplingTally>();
        services.AddSingleton<TargetFigureStore>();
        services.Replace(ServiceDescriptor.Singleton<ISignalCommitListener>(sp => new SignalCommitFanout(
        [
            sp.GetRequiredService<SignalDispatcher>(),
            sp.GetRequiredService<ThroughputMeter>(),
            sp.GetRequiredService<PlanTaskCloser>(),
            sp.GetRequiredService<SamplingTally>(),
        ])));
        return builder;
    }
}
