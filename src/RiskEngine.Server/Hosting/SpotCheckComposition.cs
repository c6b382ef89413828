using Microsoft.Extensions.DependencyInjection.Extensions;
using RiskEngine.Domain;
using RiskEngine.Grains.Dispatch;
using RiskEngine.Server.Live;
using RiskEngine.Server.SpotChecks;
using RiskEngine.Storage;
using RiskEngine.Storage.SpotChecks;

namespace RiskEngine.Server.Hosting;

/// <summary>
/// 双随机 plans (their settings from the seeds, stores, planner, the task closer) and the listeners of the signal log's
/// commits: dispatch, the wall's throughput meter and the task closer all hear every signal, whatever brought it in.
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
        services.Replace(ServiceDescriptor.Singleton<ISignalCommitListener>(sp => new SignalCommitFanout(
        [
            sp.GetRequiredService<SignalDispatcher>(),
            sp.GetRequiredService<ThroughputMeter>(),
            sp.GetRequiredService<PlanTaskCloser>(),
        ])));
        return builder;
    }
}
