using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RiskEngine.Storage;

namespace RiskEngine.Grains.Dispatch;

/// <summary>
/// Decides, cheaply and without waiting, whether the engine takes more signals now. It judges by the backlog: signals
/// queued for the log plus signals logged and not yet applied (<see cref="SignalDispatcher.Pending"/>), against
/// <see cref="EngineOptions.DispatchQueueCapacity"/>. The ingest API refuses what the engine cannot take (503, nothing
/// of the request taken, so the client sends it again later); the engine's own producers (the due-date sweep, the demo
/// feed, a recovery replay) wait for room instead, since nobody would send their signals again.
/// </summary>
public sealed partial class IngestAdmission
{
    private static readonly TimeSpan RoomPollInterval = TimeSpan.FromMilliseconds(5);

    private readonly SignalDispatcher _dispatcher;
    private readonly ISignalLog _log;
    private readonly ILogger<IngestAdmission> _logger;
    private readonly CancellationToken _stopping;
    private int _refusing;

    public IngestAdmission(
        SignalDispatcher dispatcher,
        ISignalLog log,
        IOptions<EngineOptions> options,
        EngineMetrics metrics,
        IHostApplicationLifetime lifetime,
        ILogger<IngestAdmission> logger)
    {
        _dispatcher = dispatcher;
        _log = log;
        _logger = logger;
        _stopping = lifetime.ApplicationStopping;
        Capacity = options.Value.DispatchQueueCapacity;

        // Why a low-water mark: refusing at capacity and taking again at the first signal applied below it would flip on
        // every delivery, refusing every other request while clients retry in step. Once full, the engine takes nothing
        // until a quarter of its capacity has drained: clients see one refusal per burst, not a flicker, and the three
        // quarters still waiting keep the dispatcher busy, so throughput does not dip while the backlog drains.
        ResumeAt = Capacity * 3 / 4;
        metrics.ObserveAdmission(this);
    }

    /// <summary>The backlog at which the engine stops taking signals.</summary>
    public long Capacity { get; }

    /// <summary>Once refusing, the backlog the engine must be down to before it takes signals again.</summary>
    public long ResumeAt { get; }

    /// <summary>Signals logged and not yet applied by their grains.</summary>
    public long ApplyLag => _dispatcher.Pending;

    /// <summary>Rows queued for the log's writer, not yet in a commit.</summary>
    public long LogQueueDepth => _log.QueuedRows;

    /// <summary>
    /// Whether the engine takes a request now. Never waits. A request admitted is the engine's: it is made durable and
    /// applied even where it takes the backlog past the capacity, so the backlog may overshoot by what the requests
    /// admitted in the same moment carry, and no more.
    /// </summary>
    public bool TryAdmit()
    {
        var backlog = ApplyLag + LogQueueDepth;
        if (Volatile.Read(ref _refusing) == 1)
        {
            if (backlog > ResumeAt)
            {
                return false;
            }

            if (Interlocked.Exchange(ref _refusing, 0) == 1)
            {
                LogResumed(_logger, backlog);
            }

            return true;
        }

        if (backlog < Capacity)
        {
            return true;
        }

        if (Interlocked.Exchange(ref _refusing, 1) == 0)
        {
            LogRefusing(_logger, backlog, Capacity, ResumeAt);
        }

        return false;
    }

    /// <summary>
    /// Waits until the engine would admit a request: for its own producers, which must not be refused. Not once the host
    /// is stopping: dispatch has ended then, so room would never come; what is appended then is durable, and the next
    /// run's recovery applies it.
    /// </summary>
    public async ValueTask WaitForRoomAsync(CancellationToken cancellationToken = default)
    {
        while (!TryAdmit() && !_stopping.IsCancellationRequested)
        {
            await Task.Delay(RoomPollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ingest backlog at {Backlog} signals, capacity {Capacity}: refusing ingest until it is down to {ResumeAt}")]
    private static partial void LogRefusing(ILogger logger, long backlog, long capacity, long resumeAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingest backlog down to {Backlog} signals: taking ingest again")]
    private static partial void LogResumed(ILogger logger, long backlog);
}
