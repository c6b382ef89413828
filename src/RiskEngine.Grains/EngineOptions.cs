using System.ComponentModel.DataAnnotations;

namespace RiskEngine.Grains;

/// <summary>
/// Tuning of the grains and the dispatch path, bound from configuration section "Engine". The ranges are checked when the
/// server starts; durations stop at a day, far past any useful setting and well inside what timers accept.
/// </summary>
public sealed class EngineOptions
{
    public const string Section = "Engine";

    /// <summary>
    /// How long a changed snapshot may wait before it is written behind. Subjects' snapshots stay in memory and are written
    /// in bulk at this period, so a subject with many signals in it is written once; a longer period writes less and
    /// makes the replay after a crash longer.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan SnapshotFlushInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Subjects' snapshots kept in memory (a few hundred bytes each); past this, written ones leave memory and are read
    /// from the table again when needed. The default holds a city of 3.3M subjects with room to spare.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int MaxResidentSnapshots { get; set; } = 4_000_000;

    /// <summary>
    /// Idle subjects leave memory after this long; their snapshot is written on the way out. Over a minute: Orleans refuses
    /// a collection age that is not above its one-minute collection quantum.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00", MinimumIsExclusive = true)]
    public TimeSpan SubjectIdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// False records signals durably without applying them: the intake alone, for measuring it, or to keep taking
    /// signals while scoring is paused. Nothing recorded meanwhile is lost: the checkpoint does not move, so the next
    /// start with this true replays and applies every signal recorded.
    /// </summary>
    public bool ApplySignals { get; set; } = true;

    /// <summary>Dispatch queues; signals of one subject always share a queue, so they arrive in log order.</summary>
    [Range(1, 1024)]
    public int DispatchPartitions { get; set; } = 32;

    /// <summary>
    /// Folds and grain deliveries in flight at once across all partitions. Each waits on batched reads and writes, so
    /// more in flight means fuller batches: at 5,000 signals/s on the embedded engine, 1024 kept up where 256 fell
    /// behind. Unbounded, they would outgrow what a batch holds and queue.
    /// </summary>
    [Range(1, 65536)]
    public int MaxConcurrentDeliveries { get; set; } = 1024;

    /// <summary>
    /// The backlog the engine takes on: signals queued for the log plus signals logged and not yet applied. At this many
    /// the ingest API refuses (503) and the engine's own producers wait, until the backlog is down to three quarters of it
    /// (see <see cref="Dispatch.IngestAdmission"/>). Must be above 0. A refused client waits a whole second (Retry-After
    /// counts in seconds), so the backlog should hold a second or two of applying: at 20k signals/s, about 32k.
    /// </summary>
    [Range(1, 1 << 24)]
    public int DispatchQueueCapacity { get; set; } = 32_768;

    /// <summary>How many subjects each district keeps in its top list; at least ten, as the city's top ten is drawn from these lists.</summary>
    [Range(10, 1000)]
    public int DistrictTopCount { get; set; } = 20;

    /// <summary>A subject re-reports an unchanged level only when its score moved at least this much.</summary>
    [Range(0.0, 100.0)]
    public double ReportScoreDelta { get; set; } = 0.5;

    /// <summary>Period of the due-date sweep per district (Orleans reminders need at least one minute).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan SweepPeriod { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>"Inspection due soon" is raised this many days before the due date.</summary>
    [Range(1, 365)]
    public int DueSoonDays { get; set; } = 30;

    /// <summary>Elevators must be maintained at least every this many days (TSG T5002).</summary>
    [Range(1, 365)]
    public int MaintenanceIntervalDays { get; set; } = 15;

    /// <summary>A district tells the wall of its changes at most this often (coalescing).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan WallPublishInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How often the recovery checkpoint is moved forward.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Fold signals of subjects with no grain in memory straight into their snapshots (see <c>SnapshotFold</c>) instead
    /// of activating a grain for each.
    /// </summary>
    public bool FoldIdleSubjects { get; set; } = true;

    /// <summary>
    /// A subject with another signal within this long gets a grain. Zero (the default) folds every signal of a subject with
    /// no grain in memory: its snapshot is in memory anyway, and activating a grain for a busy subject (directory, log
    /// tail, timers, an object per subject for the collector) halved the rate measured with <c>ingest</c> at 200k subjects.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan FoldRecentWindow { get; set; } = TimeSpan.Zero;

    /// <summary>Slots of the table that remembers which subjects had signals lately (8 bytes each; at least 1024, rounded up to a power of two).</summary>
    [Range(1024, 1 << 28)]
    public int FoldRecentSubjectSlots { get; set; } = 1 << 20;

    /// <summary>In a cluster, how long membership must stay unchanged before a server folds without grains again.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan FoldMembershipSettle { get; set; } = TimeSpan.FromSeconds(5);
}
