namespace RiskEngine.Grains;

/// <summary>Tuning of the grains and the dispatch path, bound from configuration section "Engine".</summary>
public sealed class EngineOptions
{
    public const string Section = "Engine";

    /// <summary>How long a subject's changed snapshot may wait before it is written behind.</summary>
    public TimeSpan SnapshotFlushInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Idle subjects leave memory after this long; their snapshot is written on the way out.</summary>
    public TimeSpan SubjectIdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Dispatch queues; signals of one subject always share a queue, so they arrive in log order.</summary>
    public int DispatchPartitions { get; set; } = 32;

    /// <summary>
    /// Folds and grain deliveries in flight at once across all partitions. Each waits on batched reads and writes, so
    /// more in flight means fuller batches: at 5,000 signals/s on the embedded engine, 1024 kept up where 256 fell
    /// behind. Unbounded, they would outgrow what a batch holds and queue.
    /// </summary>
    public int MaxConcurrentDeliveries { get; set; } = 1024;

    /// <summary>
    /// The backlog the engine takes on: signals queued for the log plus signals logged and not yet applied. At this many
    /// the ingest API refuses (503) and the engine's own producers wait, until the backlog is down to three quarters of it
    /// (see <see cref="Dispatch.IngestAdmission"/>). Must be above 0.
    /// </summary>
    public int DispatchQueueCapacity { get; set; } = 8192;

    /// <summary>How many subjects each district keeps in its top list.</summary>
    public int DistrictTopCount { get; set; } = 20;

    /// <summary>A subject re-reports an unchanged level only when its score moved at least this much.</summary>
    public double ReportScoreDelta { get; set; } = 0.5;

    /// <summary>Period of the due-date sweep per district (Orleans reminders need at least one minute).</summary>
    public TimeSpan SweepPeriod { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>"Inspection due soon" is raised this many days before the due date.</summary>
    public int DueSoonDays { get; set; } = 30;

    /// <summary>Elevators must be maintained at least every this many days (TSG T5002).</summary>
    public int MaintenanceIntervalDays { get; set; } = 15;

    /// <summary>A district tells the wall of its changes at most this often (coalescing).</summary>
    public TimeSpan WallPublishInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How often the recovery checkpoint is moved forward.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Fold signals of subjects with no grain in memory straight into their snapshots (see <c>SnapshotFold</c>) instead
    /// of activating a grain for each.
    /// </summary>
    public bool FoldIdleSubjects { get; set; } = true;

    /// <summary>A subject with another signal within this long gets a grain: it is busy enough to be worth keeping in memory.</summary>
    public TimeSpan FoldRecentWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Slots of the table that remembers which subjects had signals lately (8 bytes each).</summary>
    public int FoldRecentSubjectSlots { get; set; } = 1 << 20;

    /// <summary>In a cluster, how long membership must stay unchanged before a server folds without grains again.</summary>
    public TimeSpan FoldMembershipSettle { get; set; } = TimeSpan.FromSeconds(5);
}
