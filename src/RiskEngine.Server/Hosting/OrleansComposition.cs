using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Connections.Security;
using Orleans.Storage;
using RiskEngine.Grains;
using RiskEngine.Grains.Alerts;
using RiskEngine.Grains.Dispatch;
using RiskEngine.Grains.Subjects;
using RiskEngine.Storage.Snapshots;
using RiskEngine.Storage.Sqlite;

namespace RiskEngine.Server.Hosting;

/// <summary>The Orleans silo co-hosted with the API: endpoints, clustering, membership, grain snapshots and reminders.</summary>
public static class OrleansComposition
{
    private const string SqliteInvariant = "System.Data.SQLite";
    private const string PostgreSqlInvariant = "Npgsql";

    public static WebApplicationBuilder AddEngineSilo(this WebApplicationBuilder builder, StorageOptions storage)
    {
        var silo = builder.Configuration.GetSection(SiloOptions.Section).Get<SiloOptions>() ?? new SiloOptions();
        var engine = builder.Configuration.GetSection(EngineOptions.Section).Get<EngineOptions>() ?? new EngineOptions();
        var siloPort = silo.SiloPort == 0 ? FreePort.Pick() : silo.SiloPort;
        var alerts = builder.Configuration.GetSection(AlertOptions.Section).Get<AlertOptions>() ?? new AlertOptions();
        builder.UseOrleans(orleans =>
        {
            orleans.AddEngineGrainServices();
            orleans.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = silo.ResponseTimeout);
            orleans.Configure<ReminderOptions>(o =>
            {
                if (alerts.CheckPeriod < o.MinimumReminderPeriod)
                {
                    o.MinimumReminderPeriod = alerts.CheckPeriod;
                }
            });
            orleans.Configure<GrainCollectionOptions>(o => o.ClassSpecificCollectionAge[typeof(AlertGrain).FullName!] = alerts.IdleTimeout);
            if (storage.IsPostgreSql)
            {
                orleans.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = silo.ClusterId;
                    o.ServiceId = silo.ServiceId;
                });

                // Peers find each other through the membership table, so any advertised address and port will do. The silo
                // listens on that address alone, and there is no gateway (Orleans clients reach grains directly, with any
                // caller name) unless one is asked for.
                if (System.Net.IPAddress.TryParse(silo.AdvertisedHost, out var address))
                {
                    orleans.ConfigureEndpoints(address, siloPort, silo.GatewayPort, listenOnAnyHostAddress: false);
                }
                else
                {
                    orleans.ConfigureEndpoints(silo.AdvertisedHost, siloPort, silo.GatewayPort, listenOnAnyHostAddress: false);
                }

                if (builder.Configuration.GetSection(SiloTlsOptions.Section).Get<SiloTlsOptions>() is { IsEnabled: true })
                {
                    orleans.UseSiloTls();
                }
                else
                {
                    builder.Services.AddHostedService<SiloTransportNotice>();
                }

                orleans.UseClusterStorage(storage, silo, engine);
            }
            else
            {
                orleans.UseLocalhostClustering(siloPort, silo.GatewayPort, serviceId: silo.ServiceId, clusterId: silo.ClusterId);
                orleans.UseEmbeddedStorage(storage, engine);
            }
        });
        return builder;
    }

    /// <summary>
    /// Silo-to-silo (and gateway) connections over mutually authenticated TLS. The certificate is loaded from the
    /// checked "Orleans:Tls" settings when the silo first connects, after the start-up checks have vetted it.
    /// </summary>
    private static void UseSiloTls(this ISiloBuilder orleans)
    {
        orleans.Services.AddSingleton(sp => SiloCertificate.Load(
            sp.GetRequiredService<IOptions<SiloTlsOptions>>().Value, sp.GetRequiredService<TimeProvider>().GetUtcNow()));
        orleans.Services.AddOptions<SiloConnectionOptions>().Configure<SiloCertificate>((connections, identity) =>
        {
            var tls = new TlsOptions
            {
                LocalCertificate = identity.Certificate,
                RemoteCertificateMode = RemoteCertificateMode.RequireCertificate,
                ClientCertificateMode = RemoteCertificateMode.RequireCertificate,
                // Replaces the platform's verdict (which wants a public chain and a host name) with the cluster's own trust.
                RemoteCertificateValidation = (remote, _, _) => identity.Trusts(remote),
            };
            connections.ConfigureSiloInboundConnection(connection => connection.UseServerTls(tls));
            connections.ConfigureGatewayInboundConnection(connection => connection.UseServerTls(tls));
            connections.ConfigureSiloOutboundConnection(connection => connection.UseClientTls(tls));
        });
    }

    /// <summary>
    /// Membership, grain snapshots and reminders on PostgreSQL. Membership is tuned so a killed server is
    /// declared dead in about two seconds (defaults take over ten) without flapping under load.
    /// </summary>
    public static ISiloBuilder UseClusterStorage(this ISiloBuilder orleans, StorageOptions storage, SiloOptions silo, EngineOptions engine)
    {
        var connection = storage.PooledConnectionString();
        orleans.UseAdoNetClustering(o =>
        {
            o.Invariant = PostgreSqlInvariant;
            o.ConnectionString = connection;
        });
        UseAdoNetSnapshotsAndReminders(orleans, PostgreSqlInvariant, connection);
        orleans.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = silo.ProbeTimeout;
            o.NumMissedProbesLimit = silo.NumMissedProbesLimit;
            o.IAmAliveTablePublishTimeout = silo.HeartbeatPeriod;
        });
        ConfigureSubjectCollection(orleans, engine);
        return orleans;
    }

    /// <summary>
    /// The per-server service other servers (and alerts' checks) reach subjects through: deliveries of a batch
    /// in one message, reads without a grain.
    /// </summary>
    public static ISiloBuilder AddEngineGrainServices(this ISiloBuilder orleans) => orleans.AddGrainService<SubjectDeliveryService>();

    /// <summary>Grain snapshots and reminders on the embedded state file; idle subjects deactivate after the configured time.</summary>
    public static ISiloBuilder UseEmbeddedStorage(this ISiloBuilder orleans, StorageOptions storage, EngineOptions engine)
    {
        var stateConnection = SqliteOrleansSchema.Ensure(Path.Combine(storage.FullDataDirectory, "state.db"));
        UseAdoNetSnapshotsAndReminders(orleans, SqliteInvariant, stateConnection);
        ConfigureSubjectCollection(orleans, engine);
        return orleans;
    }

    /// <summary>Grain snapshots (Orleans' binary serializer, our own schema) and reminders through the ADO.NET providers.</summary>
    private static void UseAdoNetSnapshotsAndReminders(ISiloBuilder orleans, string invariant, string connectionString)
    {
        orleans.AddAdoNetGrainStorage(StorageNames.Snapshots, (OptionsBuilder<AdoNetGrainStorageOptions> options) =>
            options.Configure<Orleans.Serialization.Serializer>((o, serializer) =>
            {
                o.Invariant = invariant;
                o.ConnectionString = connectionString;
                o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
            }));
        orleans.Services.AddSingleton(sp => new ResidentGrainStorage(
            sp.GetRequiredService<ResidentSnapshots>(),
            new OrleansGrainStorageSerializer(sp.GetRequiredService<Orleans.Serialization.Serializer>()),
            sp.GetRequiredService<IOptions<ClusterOptions>>(),
            sp.GetRequiredService<SubjectResidency>()));
        orleans.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Subjects, (sp, _) => sp.GetRequiredService<ResidentGrainStorage>());
        orleans.UseAdoNetReminderService(o =>
        {
            o.Invariant = invariant;
            o.ConnectionString = connectionString;
        });
    }

    private static void ConfigureSubjectCollection(ISiloBuilder orleans, EngineOptions engine) =>
        orleans.Configure<GrainCollectionOptions>(o =>
        {
            o.ClassSpecificCollectionAge[typeof(EntityGrain).FullName!] = engine.SubjectIdleTimeout;
            o.ClassSpecificCollectionAge[typeof(EquipmentGrain).FullName!] = engine.SubjectIdleTimeout;
        });
}
