using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using RiskEngine.Grains.Dispatch;
using RiskEngine.Server.Hosting;
using RiskEngine.Storage;
using RiskEngine.Storage.Sqlite;
using RiskEngine.Storage.Snapshots;

namespace RiskEngine.Grains.Tests.Hosting;

/// <summary>
/// One in-process silo composed exactly as the server composes it (<see cref="EngineComposition.AddEmbeddedEngine"/> and
/// <see cref="OrleansComposition.UseEmbeddedStorage"/>) over real SQLite files in a fresh folder, with the shipped catalogue.
/// The engine's clock, and the grain timers that write snapshots behind, run on <see cref="Clock"/>; Orleans' own
/// machinery (messaging, membership, directory, activation collection, reminders) stays on real time.
/// Used as a class fixture, so each test class gets a store of its own.
/// </summary>
public class EngineCluster : IAsyncLifetime
{
    /// <summary>10:00 in Wuhan on an ordinary Monday.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly TemporaryFolder _folder = new();
    private InProcessTestCluster? _cluster;

    public FakeTimeProvider Clock { get; } = new(Start);

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not deployed.");

    /// <summary>Grains as a client of the cluster sees them.</summary>
    public IGrainFactory Grains => Cluster.Client;

    /// <summary>The silo's services: the same singletons its grains use.</summary>
    public IServiceProvider Silo => Cluster.Silos[0].ServiceProvider;

    public SignalPipeline Pipeline => Silo.GetRequiredService<SignalPipeline>();

    public SignalDispatcher Dispatcher => Silo.GetRequiredService<SignalDispatcher>();

    public ISignalLog Log => Silo.GetRequiredService<ISignalLog>();

    public ISubjectDirectory Directory => Silo.GetRequiredService<ISubjectDirectory>();

    public SqliteDatabase Database => Silo.GetRequiredService<SqliteDatabase>();

    /// <summary>Subjects' snapshots in memory, written to <see cref="StateFile"/> in bulk.</summary>
    public ResidentSnapshots Snapshots => Silo.GetRequiredService<ResidentSnapshots>();

    /// <summary>Writes the subject's snapshot to the table and drops it from memory, so its next activation reads the table.</summary>
    public Task WriteBehindAndForgetAsync(string grainKey) => Snapshots.EvictAsync(key => key.GrainKey == grainKey);

    /// <summary>
    /// Lets the write-behind run on the test's clock until every changed snapshot is written: the subjects' in bulk and
    /// the districts' (which hold the checkpoint too) on their own timers. A district may hear a report after the clock
    /// moved (its timer is then due one interval later), so the clock moves on an interval at a time.
    /// </summary>
    public Task WriteEverythingBehindAsync()
    {
        var districts = Silo.GetRequiredService<DirtySubjectTracker>();
        return Eventually.HoldsAsync(() =>
        {
            var written = Snapshots.UnwrittenCount == 0 && districts.DirtyCount == 0;
            if (!written)
            {
                Clock.Advance(Options.SnapshotFlushInterval);
            }

            return written;
        }, "every snapshot is written behind");
    }

    public EngineOptions Options { get; } = new();

    public string DataDirectory => _folder.Path;

    /// <summary>Where grain snapshots and reminders live (see <see cref="OrleansComposition.UseEmbeddedStorage"/>).</summary>
    public string StateFile => Path.Combine(_folder.Path, "state.db");

    /// <summary>A test class's fixture may tune the engine before the silo starts.</summary>
    protected virtual void Configure(EngineOptions options)
    {
    }

    public async Task InitializeAsync()
    {
        Configure(Options);
        var catalog = ShippedCatalog.Value;
        var storage = new StorageOptions { DataDirectory = _folder.Path };
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            var services = silo.Services;

            services.AddEngineClock(Clock);
            services.Configure<EngineOptions>(CopyOptions);
            services.AddEmbeddedEngine(catalog, storage);
            silo.AddEngineGrainServices();
            silo.UseEmbeddedStorage(storage, Options);
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    /// <summary>Appends through the real pipeline (log, then dispatcher) and waits until every signal is applied.</summary>
    public async Task<AppendResult> IngestAsync(params SignalToAppend[] signals)
    {
        var result = await Pipeline.IngestAsync(signals);
        await WaitForDispatchAsync();
        return result;
    }

    /// <summary>Waits until the dispatcher has delivered everything handed to it.</summary>
    public async Task WaitForDispatchAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        await Dispatcher.WaitIdleAsync(timeout.Token);
    }

    /// <summary>
    /// The signal log over the silo's own file with nobody listening: what it appends is durable but never
    /// dispatched, as when a server dies between its commit and the grains.
    /// </summary>
    public ISignalLog UndispatchedLog() => new SqliteSignalLog(Database, Clock, IgnoreCommits.Instance);

    /// <summary>Deactivates a grain the way idleness or a shutdown would, and waits until it is gone.</summary>
    public Task DeactivateAsync(IAddressable grain) => Cluster.DeactivateAsync(grain);

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
        }

        _folder.Dispose();
    }

    private void CopyOptions(EngineOptions target)
    {
        target.SnapshotFlushInterval = Options.SnapshotFlushInterval;
        target.SubjectIdleTimeout = Options.SubjectIdleTimeout;
        target.DispatchPartitions = Options.DispatchPartitions;
        target.DispatchQueueCapacity = Options.DispatchQueueCapacity;
        target.DistrictTopCount = Options.DistrictTopCount;
        target.ReportScoreDelta = Options.ReportScoreDelta;
        target.SweepPeriod = Options.SweepPeriod;
        target.DueSoonDays = Options.DueSoonDays;
        target.MaintenanceIntervalDays = Options.MaintenanceIntervalDays;
        target.CheckpointInterval = Options.CheckpointInterval;
        target.FoldIdleSubjects = Options.FoldIdleSubjects;
        target.FoldRecentWindow = Options.FoldRecentWindow;
        target.FoldMembershipSettle = Options.FoldMembershipSettle;
    }

    private sealed class IgnoreCommits : ISignalCommitListener
    {
        public static readonly IgnoreCommits Instance = new();

        public void OnCommitted(IReadOnlyList<LoggedSignal> signals)
        {
        }
    }
}
