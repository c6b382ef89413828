using RiskEngine.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RiskEngine.Domain;
using RiskEngine.Grains;
using RiskEngine.Grains.Aggregates;
using RiskEngine.Grains.Alerts;
using RiskEngine.Grains.Learning;
using RiskEngine.Storage.Learning;
using RiskEngine.Grains.Dispatch;
using RiskEngine.Grains.Placement;
using RiskEngine.Grains.Subjects;
using RiskEngine.Storage.Alerts;
using RiskEngine.Storage.People;
using RiskEngine.Storage.Security;
using RiskEngine.Storage.Snapshots;

namespace RiskEngine.Server.Hosting;

/// <summary>The engine itself: catalogue and model from the seeds, dispatch, grain services, over the stores of its mode.</summary>
public static class EngineComposition
{
    public static WebApplicationBuilder AddEngine(this WebApplicationBuilder builder, StorageOptions storage)
    {
        var services = builder.Services;
        var seeds = SeedCatalogLoader.FindDirectory(builder.Configuration);
        var catalog = SeedCatalogLoader.Load(seeds);
        services.AddSingleton(SeedCatalogLoader.LoadAlertRules(seeds));
        if (storage.IsPostgreSql)
        {
            services.AddClusterEngine(catalog, storage);
        }
        else
        {
            services.AddEmbeddedEngine(catalog, storage);
        }

        return builder;
    }

    /// <summary>The engine's services in cluster mode: the same engine over PostgreSQL.</summary>
    public static IServiceCollection AddClusterEngine(this IServiceCollection services, RiskCatalog catalog, StorageOptions storage)
    {
        AddModel(services, catalog);
        services.AddClusterStorage(storage);
        AddEngineServices(services);
        return services;
    }

    /// <summary>The engine's services in embedded mode: catalogue, model, SQLite storage, dispatch and grain services.</summary>
    public static IServiceCollection AddEmbeddedEngine(this IServiceCollection services, RiskCatalog catalog, StorageOptions storage)
    {
        AddModel(services, catalog);
        services.AddEmbeddedStorage(storage);
        AddEngineServices(services);
        return services;
    }

    private static void AddModel(IServiceCollection services, RiskCatalog catalog)
    {
        services.AddSingleton(catalog);
        services.AddSingleton(new RiskModel(catalog));
        services.AddSingleton<CurrentModel>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => SeedCatalogLoader.LoadAlertRules(SeedCatalogLoader.FindDirectory(sp.GetRequiredService<IConfiguration>())));
    }

    private static void AddEngineServices(IServiceCollection services)
    {
        services.AddSingleton<EngineMetrics>();
        services.AddSingleton<DirtySubjectTracker>();
        services.AddSingleton<ActiveSilos>();
        services.AddSingleton<SignalDispatcher>();
        services.AddSingleton<IngestAdmission>();
        services.AddSingleton<SubjectDeliveryClient>();
        services.AddSingleton<SubjectRouter>();
        services.AddPlacementDirector<SubjectOwnerPlacement, SubjectOwnerPlacementDirector>();
        services.AddSingleton<SignalPipeline>();
        services.AddSingleton<LogRun>();
        services.AddSingleton<DispatchRecovery>();
        services.AddSingleton<CheckpointWriter>();
        services.AddSingleton<DistrictReports>();
        services.AddSingleton<SubjectServices>();
        services.AddSingleton<SubjectResidency>();
        services.AddSingleton<SnapshotFold>();
        services.AddSingleton<SubjectEffectSender>();
        services.AddSingleton<AlertOutbox>();
        services.AddSingleton<LocalSubjectDelivery>();
        services.AddSingleton(sp =>
        {
            var snapshots = new ResidentSnapshots(
                sp.GetRequiredService<ISnapshotTable>(),
                sp.GetRequiredService<IOptions<EngineOptions>>().Value.MaxResidentSnapshots,
                sp.GetRequiredService<ILogger<ResidentSnapshots>>());

            // Resolved when a conflict happens, not here: the fold needs the grain storage, which needs these snapshots.
            snapshots.ConflictHandler = key => sp.GetRequiredService<SnapshotFold>().RebuildAsync(key);
            return snapshots;
        });
        services.AddHostedService<SnapshotWriteBehind>();
        services.AddSingleton<EngineReadiness>();
        services.AddSingleton<SecurityEventLog>();
        services.AddSingleton<UserStore>();
        services.AddSingleton<SecretStore>();
        services.AddSingleton<AlertStore>();
        services.AddSingleton<ModelStore>();
        services.AddSingleton<OutcomeRecorder>();
        services.AddHostedService(sp => sp.GetRequiredService<OutcomeRecorder>());
        services.AddSingleton<ModelRefitter>();
        services.AddHostedService<ModelRefitLoop>();
    }
}
