using Microsoft.Extensions.Options;
using RiskEngine.Domain;
using RiskEngine.Grains.Dispatch;
using RiskEngine.Server.Hosting;
using RiskEngine.Storage;

namespace RiskEngine.Server.Demo;

/// <summary>
/// Registers the demo city and streams realistic signals through the same pipeline as the API, so scores,
/// levels and the wall move as soon as the engine starts. Off with <c>Demo:Enabled=false</c>, and never in cluster mode,
/// where its made-up subjects and signals would land in the shared, real store.
/// </summary>
public sealed partial class DemoFeed(
    IOptions<DemoOptions> options,
    IOptions<StorageOptions> storage,
    IConfiguration configuration,
    RiskCatalog catalog,
    ISubjectDirectory directory,
    SignalPipeline pipeline,
    EngineReadiness readiness,
    TimeProvider clock,
    ILogger<DemoFeed> logger) : BackgroundService
{
    private const string Source = "demo";
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(200);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        if (storage.Value.IsPostgreSql)
        {
            LogRefusedInCluster(logger);
            return;
        }

        var settingsPath = Path.Combine(SeedCatalogLoader.FindDirectory(configuration), "demo.json");
        var settings = DemoSettings.Parse(await File.ReadAllTextAsync(settingsPath, stoppingToken));
        var rate = options.Value.SignalsPerSecond ?? settings.SignalsPerSecond;
        try
        {
            await readiness.WhenReady.WaitAsync(stoppingToken);
            var city = new DemoCity(catalog, settings, clock.GetUtcNow());
            await directory.UpsertEntitiesAsync(city.Entities, stoppingToken);
            await directory.UpsertEquipmentAsync(city.Equipment, stoppingToken);
            LogStarted(logger, city.Entities.Count, city.Equipment.Count, rate);
            await StreamAsync(city, rate, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task StreamAsync(DemoCity city, double rate, CancellationToken stoppingToken)
    {
        var random = new Random();
        var run = clock.GetUtcNow().ToUnixTimeMilliseconds().ToString("x", System.Globalization.CultureInfo.InvariantCulture);
        long sequence = 0;
        var carry = 0.0;
        using var timer = new PeriodicTimer(Tick, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            carry += rate * Tick.TotalSeconds;
            var count = (int)carry;
            carry -= count;
            if (count == 0)
            {
                continue;
            }

            var now = clock.GetUtcNow();
            var batch = new List<SignalToAppend>(count);
            for (var i = 0; i < count; i++)
            {
                batch.Add(NextSignal(city, random, now, $"{run}-{++sequence}"));
            }

            try
            {
                await pipeline.IngestWhenRoomAsync(batch, stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                LogFailed(logger, error);
            }
        }
    }

    private static SignalToAppend NextSignal(DemoCity city, Random random, DateTimeOffset now, string sourceId)
    {
        var occurredAt = now.AddMinutes(-random.NextDouble() * (random.NextDouble() < 0.05 ? 7 * 24 * 60 : 90));
        if (random.NextDouble() < 0.7)
        {
            var entity = city.Entities[random.Next(city.Entities.Count)];
            var troubled = city.Troubled.Contains(entity.Uscc);
            var (kind, facts) = NextEntitySignal(random, troubled);
            return new SignalToAppend(Source, sourceId, SubjectKind.Entity, entity.Uscc, kind, occurredAt, SignalFactsCodec.ToJson(facts), entity.District);
        }

        var unit = city.Equipment[random.Next(city.Equipment.Count)];
        var (unitKind, unitFacts) = NextEquipmentSignal(random, city.TroubledUnits.Contains(unit.Code), now);
        return new SignalToAppend(Source, sourceId, SubjectKind.Equipment, unit.Code, unitKind, occurredAt, SignalFactsCodec.ToJson(unitFacts), unit.District);
    }

    private static (SignalKind, SignalFacts) NextEntitySignal(Random random, bool troubled)
    {
        var bad = troubled ? 0.45 : 0.03;
        var roll = random.NextDouble();
        return roll switch
        {
            < 0.20 => (SignalKind.Inspection, random.NextDouble() < bad
                ? new InspectionFacts(random.NextDouble() < 0.5 ? InspectionResult.Rectify : InspectionResult.Issues, [random.NextDouble() < 0.3 ? Severity.Critical : Severity.Major])
                : new InspectionFacts(InspectionResult.Pass, [])),
            < 0.55 => (SignalKind.Complaint, new ComplaintFacts(random.NextDouble() < 0.5 ? "food-safety" : "service")),
            < 0.90 => (SignalKind.Sampling, new SamplingFacts(random.NextDouble() < bad * 0.6, "lead", null)),
            < 0.93 => (SignalKind.Credit, new CreditFacts(random.NextDouble() < bad ? CreditEvent.Penalty : CreditEvent.AbnormalListRemoved)),
            _ => (SignalKind.Hazard, new HazardFacts($"H{random.Next(1, 40)}", random.NextDouble() < (troubled ? 0.7 : 0.3), Severity.Major)),
        };
    }

    private static (SignalKind, SignalFacts) NextEquipmentSignal(Random random, bool troubled, DateTimeOffset now)
    {
        var roll = random.NextDouble();
        return roll switch
        {
            < 0.50 => (SignalKind.Maintenance, new MaintenanceFacts()),
            < 0.60 => (SignalKind.EquipmentInspection, new EquipmentInspectionFacts(random.NextDouble() < (troubled ? 0.5 : 0.03),
                DateOnly.FromDateTime(now.UtcDateTime).AddDays(random.Next(300, 400)))),
            < 0.95 => (SignalKind.Fault, new FaultFacts(random.NextDouble() < (troubled ? 0.3 : 0.05))),
            _ => (SignalKind.Hazard, new HazardFacts($"E{random.Next(1, 20)}", random.NextDouble() < 0.4, Severity.Major)),
        };
    }

    // A warning, not news: made-up data is going into this server's store, which an operator must not miss.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo feed is running: {Entities} made-up entities and {Units} units registered, {Rate} made-up signals/s streaming into this server's store (Demo:Enabled=false turns it off)")]
    private static partial void LogStarted(ILogger logger, int entities, int units, double rate);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo feed is off in cluster mode: it would write made-up subjects and signals into the shared store (Demo:Enabled is ignored; set it to false)")]
    private static partial void LogRefusedInCluster(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo feed: a batch failed; continuing")]
    private static partial void LogFailed(ILogger logger, Exception error);
}
