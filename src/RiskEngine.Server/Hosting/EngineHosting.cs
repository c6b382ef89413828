using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry.Metrics;
using Orleans.Configuration;
using Orleans.Storage;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using RiskEngine.Domain;
using RiskEngine.Domain.Alerts;
using RiskEngine.Grains;
using RiskEngine.Grains.Aggregates;
using RiskEngine.Grains.Alerts;
using RiskEngine.Grains.Dispatch;
using RiskEngine.Grains.Subjects;
using RiskEngine.Grains.Placement;
using RiskEngine.Server.Auth;
using RiskEngine.Server.Demo;
using RiskEngine.Server.Alerts;
using RiskEngine.Server.Districts;
using RiskEngine.Server.Live;
using RiskEngine.Server.Operations;
using RiskEngine.Server.Signals;
using RiskEngine.Server.Subjects;
using RiskEngine.Storage;
using RiskEngine.Storage.Alerts;
using RiskEngine.Storage.People;
using RiskEngine.Storage.Relational;
using RiskEngine.Storage.PostgreSql;
using RiskEngine.Storage.Sqlite;
using RiskEngine.Storage.Snapshots;

namespace RiskEngine.Server.Hosting;

/// <summary>Composes the server: the silo, storage, the API and its guards.</summary>
public static class EngineHosting
{
    private const string SqliteInvariant = "System.Data.SQLite";
    private const string PostgreSqlInvariant = "Npgsql";

    public static WebApplicationBuilder AddRiskEngine(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.Configure<StorageOptions>(configuration.GetSection(StorageOptions.Section));
        services.Configure<SiloOptions>(configuration.GetSection(SiloOptions.Section));
        services.AddOptions<EngineOptions>()
            .Bind(configuration.GetSection(EngineOptions.Section))
            .Validate(o => o.DispatchQueueCapacity > 0, $"{EngineOptions.Section}:{nameof(EngineOptions.DispatchQueueCapacity)} must be above 0.")
            .ValidateOnStart();
        services.Configure<IngestOptions>(configuration.GetSection(IngestOptions.Section));
        services.Configure<AuthOptions>(configuration.GetSection(AuthOptions.Section));
        services.Configure<DemoOptions>(configuration.GetSection(DemoOptions.Section));
        services.Configure<JwtOptions>(configuration.GetSection(JwtOptions.Section));
        services.Configure<AlertOptions>(configuration.GetSection(AlertOptions.Section));
        services.Configure<LiveOptions>(configuration.GetSection(LiveOptions.Section));

        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        storage.Validate();
        var seeds = SeedCatalogLoader.FindDirectory(configuration);
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

        services.AddHostedService<CredentialsStartup>();
        services.AddHostedService<EngineLifecycle>();
        services.AddHostedService<DemoFeed>();
        AddSilo(builder, storage);
        AddApi(services);
        return builder;
    }

    /// <summary>The engine's services in cluster mode: the same engine over PostgreSQL.</summary>
    public static IServiceCollection AddClusterEngine(this IServiceCollection services, RiskCatalog catalog, StorageOptions storage)
    {
        AddModel(services, catalog);
        services.AddSingleton(_ => NpgsqlDataSource.Create(storage.PooledConnectionString()));
        services.AddSingleton<ISignalCommitListener>(sp => sp.GetRequiredService<SignalDispatcher>());
        services.AddSingleton<ISignalLog>(sp => new PostgreSqlSignalLog(
            sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ISignalCommitListener>(),
            storage.MaxRowsPerCommit, sp.GetRequiredService<ILogger<PostgreSqlSignalLog>>()));
        services.AddSingleton<ISubjectDirectory>(sp => new PostgreSqlSubjectDirectory(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IDispatchCheckpointStore, PostgreSqlCheckpointStore>();
        services.AddSingleton(sp => RelationalDatabase.ForPostgreSql(sp.GetRequiredService<NpgsqlDataSource>()));
        services.AddSingleton<ISnapshotTable>(sp => new PostgreSqlSnapshotTable(sp.GetRequiredService<NpgsqlDataSource>()));
        AddEngine(services);
        return services;
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

    /// <summary>The engine's services in embedded mode: catalogue, model, SQLite storage, dispatch and grain services.</summary>
    public static IServiceCollection AddEmbeddedEngine(this IServiceCollection services, RiskCatalog catalog, StorageOptions storage)
    {
        AddModel(services, catalog);
        AddEmbeddedStorage(services, storage);
        AddEngine(services);
        return services;
    }

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
        orleans.Services.AddSingleton(sp => new BatchedGrainStorage(
            sp.GetRequiredService<ISnapshotTable>(),
            new OrleansGrainStorageSerializer(sp.GetRequiredService<Orleans.Serialization.Serializer>()),
            sp.GetRequiredService<IOptions<ClusterOptions>>(),
            sp.GetRequiredService<SubjectResidency>()));
        orleans.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Subjects, (sp, _) => sp.GetRequiredService<BatchedGrainStorage>());
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

    private static void AddModel(IServiceCollection services, RiskCatalog catalog)
    {
        services.AddSingleton(catalog);
        services.AddSingleton(new RiskModel(catalog));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => SeedCatalogLoader.LoadAlertRules(SeedCatalogLoader.FindDirectory(sp.GetRequiredService<IConfiguration>())));
    }

    private static void AddEmbeddedStorage(IServiceCollection services, StorageOptions storage)
    {
        var directory = storage.FullDataDirectory;
        services.AddSingleton(sp => new SqliteDatabase(
            Path.Combine(directory, "signals.db"), storage.MaxRowsPerCommit, sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<ISignalCommitListener>(sp => sp.GetRequiredService<SignalDispatcher>());
        services.AddSingleton<ISignalLog, SqliteSignalLog>();
        services.AddSingleton<ISubjectDirectory, SqliteSubjectDirectory>();
        services.AddSingleton<IDispatchCheckpointStore, SqliteCheckpointStore>();

        services.AddSingleton<ISnapshotTable>(_ => new SqliteSnapshotTable(SqliteOrleansSchema.Ensure(Path.Combine(directory, "state.db"))));

        // Opened after the log's SqliteDatabase, which creates the schema of the whole file.
        services.AddSingleton(sp =>
        {
            var log = sp.GetRequiredService<SqliteDatabase>();
            return RelationalDatabase.ForSqlite(log.Path);
        });
    }

    private static void AddEngine(IServiceCollection services)
    {
        services.AddSingleton<EngineMetrics>();
        services.AddSingleton<DirtySubjectTracker>();
        services.AddSingleton<ActiveSilos>();
        services.AddSingleton<SignalDispatcher>();
        services.AddSingleton<IngestAdmission>();
        services.AddSingleton<SubjectDeliveryClient>();
        services.AddPlacementDirector<SubjectOwnerPlacement, SubjectOwnerPlacementDirector>();
        services.AddSingleton<SignalPipeline>();
        services.AddSingleton<DispatchRecovery>();
        services.AddSingleton<CheckpointWriter>();
        services.AddSingleton<DistrictReports>();
        services.AddSingleton<SubjectServices>();
        services.AddSingleton<SubjectResidency>();
        services.AddSingleton<SnapshotFold>();
        services.AddSingleton<EngineReadiness>();
        services.AddSingleton<UserStore>();
        services.AddSingleton<SecretStore>();
        services.AddSingleton<AlertStore>();
    }

    private static void AddSilo(WebApplicationBuilder builder, StorageOptions storage)
    {
        var silo = builder.Configuration.GetSection(SiloOptions.Section).Get<SiloOptions>() ?? new SiloOptions();
        var engine = builder.Configuration.GetSection(EngineOptions.Section).Get<EngineOptions>() ?? new EngineOptions();
        var siloPort = silo.SiloPort == 0 ? FreePort.Pick() : silo.SiloPort;
        var gatewayPort = silo.GatewayPort == 0 ? FreePort.Pick() : silo.GatewayPort;
        var alerts = builder.Configuration.GetSection(AlertOptions.Section).Get<AlertOptions>() ?? new AlertOptions();
        builder.UseOrleans(orleans =>
        {
            orleans.AddGrainService<SubjectDeliveryService>();
            orleans.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = silo.ResponseTimeout);
            orleans.Configure<ReminderOptions>(o =>
            {
                if (alerts.CheckPeriod < o.MinimumReminderPeriod)
                {
                    o.MinimumReminderPeriod = alerts.CheckPeriod;
                }
            });
            if (storage.IsPostgreSql)
            {
                orleans.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = silo.ClusterId;
                    o.ServiceId = silo.ServiceId;
                });

                // Peers find each other through the membership table, so any advertised address and port will do.
                if (System.Net.IPAddress.TryParse(silo.AdvertisedHost, out var address))
                {
                    orleans.ConfigureEndpoints(address, siloPort, gatewayPort, listenOnAnyHostAddress: !System.Net.IPAddress.IsLoopback(address));
                }
                else
                {
                    orleans.ConfigureEndpoints(silo.AdvertisedHost, siloPort, gatewayPort, listenOnAnyHostAddress: true);
                }

                orleans.UseClusterStorage(storage, silo, engine);
            }
            else
            {
                orleans.UseLocalhostClustering(siloPort, gatewayPort, serviceId: silo.ServiceId, clusterId: silo.ClusterId);
                orleans.UseEmbeddedStorage(storage, engine);
            }
        });
    }

    private static void AddApi(IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = Http.StatusProblemDetails.AddDetail);
        services.AddOpenApi();
        services.AddHealthChecks().AddCheck<EngineReadiness>("engine", tags: ["ready"]);
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<SignalValidator>();
        services.AddSingleton<RegistrationValidator>();
        services.AddSingleton<TokenKeys>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<ThroughputMeter>();
        services.AddSingleton<WallPublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<WallPublisher>());
        services.AddSignalR(o => o.MaximumReceiveMessageSize = 16 * 1024).AddMessagePackProtocol();
        AddAuthentication(services);
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Ingest, p => p.RequireAuthenticatedUser().RequireClaim(Scopes.ClaimType, Scopes.Ingest))
            .AddPolicy(Policies.Read, p => p.RequireAuthenticatedUser().RequireAssertion(c =>
                c.User.HasClaim(Scopes.ClaimType, Scopes.Read) || c.User.IsPerson()))
            .AddPolicy(Policies.ActOnAlerts, p => p.RequireAuthenticatedUser().RequireClaim(PersonClaims.RoleClaim, Roles.Acting));
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                var http = context.HttpContext;
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                await Results.Problem(title: "Too many requests", detail: "This credential's request rate is over its limit; retry later.",
                    statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(http);
            };
            options.AddPolicy(LoginEndpoints.LoginRateLimit, LoginEndpoints.LoginPartition);
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                if (!http.Request.Path.StartsWithSegments("/api"))
                {
                    return RateLimitPartition.GetNoLimiter("unlimited");
                }

                var limits = http.RequestServices.GetRequiredService<IOptions<IngestOptions>>().Value;
                var partition = http.User.Identity?.IsAuthenticated == true
                    ? "user:" + http.User.Identity.Name
                    : "ip:" + http.Connection.RemoteIpAddress;
                return RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = Math.Max(1, limits.RequestBurst),
                    TokensPerPeriod = Math.Max(1, limits.RequestsPerSecond),
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
        });
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(EngineMetrics.MeterName)
            .AddMeter("Microsoft.AspNetCore.Hosting")
            .AddMeter("Microsoft.AspNetCore.Server.Kestrel"));
    }

    /// <summary>
    /// Machines present an API key (header, or <c>access_token</c> on the hub); people a JWT (bearer header, or
    /// <c>access_token</c> on the hub, where browsers cannot set headers). One default scheme picks per request.
    /// </summary>
    private static void AddAuthentication(IServiceCollection services)
    {
        const string pick = "ApiKeyOrBearer";
        services.AddAuthentication(pick)
            .AddPolicyScheme(pick, pick, o => o.ForwardDefaultSelector = http =>
            {
                var authorization = http.Request.Headers.Authorization.ToString();
                if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
                {
                    return JwtBearerDefaults.AuthenticationScheme;
                }

                var token = http.Request.Path.StartsWithSegments(RiskHub.Path) ? http.Request.Query["access_token"].ToString() : "";
                return token.Count(c => c == '.') == 2 ? JwtBearerDefaults.AuthenticationScheme : ApiKeyAuthenticationHandler.SchemeName;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<TokenKeys, IOptions<JwtOptions>>((o, keys, jwt) =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = jwt.Value.Issuer,
                    ValidAudience = jwt.Value.Audience,
                    NameClaimType = PersonClaims.NameClaim,
                    RoleClaimType = PersonClaims.RoleClaim,
                    ClockSkew = TimeSpan.FromSeconds(30),
                    IssuerSigningKeyResolver = (_, _, _, _) => keys.Key is { } key ? [key] : [],
                };
                o.Events = new JwtBearerEvents
                {
                    OnMessageReceived = context =>
                    {
                        if (context.HttpContext.Request.Path.StartsWithSegments(RiskHub.Path)
                            && context.Request.Query["access_token"].ToString() is { Length: > 0 } token)
                        {
                            context.Token = token;
                        }

                        return Task.CompletedTask;
                    },
                };
            });
    }

    public static WebApplication MapRiskEngine(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(async (http, next) =>
        {
            // The pages load nothing from elsewhere and run no inline script.
            http.Response.Headers.ContentSecurityPolicy =
                "default-src 'self'; connect-src 'self' ws: wss:; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'";
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers["Referrer-Policy"] = "no-referrer";
            await next();
        });
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
        app.MapOpenApi().RequireAuthorization(Policies.Read);

        var api = app.MapGroup("/api/v1");
        api.MapSignalEndpoints();
        api.MapSubjectEndpoints();
        api.MapDistrictEndpoints();
        api.MapLoginEndpoints();
        api.MapAlertEndpoints();
        api.MapSystemEndpoints();
        app.MapHub<RiskHub>(RiskHub.Path);
        return app;
    }
}
