using System.Diagnostics.Metrics;

namespace RiskEngine.Grains;

/// <summary>OpenTelemetry instruments of the engine: ingest and apply rates and latencies, the backlog and refusals.</summary>
public sealed class EngineMetrics
{
    public const string MeterName = "RiskEngine";

    private readonly Meter _meter;
    private readonly Counter<long> _accepted;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _applied;
    private readonly Counter<long> _dispatchFailures;
    private readonly Counter<long> _folded;
    private readonly Histogram<double> _appendLatency;
    private readonly Histogram<double> _applyLatency;
    private readonly Counter<long> _refused;
    private readonly Histogram<double> _frameLatency;
    private readonly Counter<long> _outcomesRecorded;
    private readonly Counter<long> _outcomesDropped;
    private readonly Counter<long> _refits;

    public EngineMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _accepted = _meter.CreateCounter<long>("riskengine.signals.accepted", "{signal}", "Signals made durable");
        _duplicates = _meter.CreateCounter<long>("riskengine.signals.duplicates", "{signal}", "Signals already in the log");
        _rejected = _meter.CreateCounter<long>("riskengine.signals.rejected", "{signal}", "Signals refused at the edge");
        _applied = _meter.CreateCounter<long>("riskengine.signals.applied", "{signal}", "Signals delivered to their grains");
        _dispatchFailures = _meter.CreateCounter<long>("riskengine.dispatch.failures", "{signal}", "Signals whose delivery was given up");
        _folded = _meter.CreateCounter<long>("riskengine.signals.folded", "{signal}", "Signals folded into the snapshot of a subject with no grain in memory");
        _appendLatency = _meter.CreateHistogram<double>("riskengine.log.append.duration", "ms", "Time to make a batch durable");
        _applyLatency = _meter.CreateHistogram<double>("riskengine.dispatch.apply.duration", "ms", "Time for a grain to apply a delivery");
        _refused = _meter.CreateCounter<long>("riskengine.ingest.refused", "{request}", "Ingest requests refused (503) because the engine was over capacity");
        _frameLatency = _meter.CreateHistogram<double>("riskengine.live.frame.duration", "ms", "Time to build a wall frame and hand it to its watchers");
        _outcomesRecorded = _meter.CreateCounter<long>("riskengine.model.outcomes.recorded", "{outcome}", "Outcomes paired with the score before them and stored for the fits");
        _outcomesDropped = _meter.CreateCounter<long>("riskengine.model.outcomes.dropped", "{outcome}", "Outcomes left out because their queue was full");
        _refits = _meter.CreateCounter<long>("riskengine.model.refits", "{fit}", "Versions of the fitted parameters this server stored");
    }

    /// <summary>Publishes the backlog <paramref name="admission"/> judges by; read at each collection, so nothing is kept here.</summary>
    public void ObserveAdmission(Dispatch.IngestAdmission admission)
    {
        _meter.CreateObservableGauge("riskengine.dispatch.lag", () => admission.ApplyLag, "{signal}", "Signals logged and not yet applied by their grains");
        _meter.CreateObservableGauge("riskengine.log.queue.depth", () => admission.LogQueueDepth, "{row}", "Rows queued for the log's writer, not yet in a commit");
        _meter.CreateObservableGauge("riskengine.ingest.capacity", () => admission.Capacity, "{signal}", "Backlog (log queue and apply lag) at which ingest is refused");
    }

    public void RecordIngest(int accepted, int duplicates, int rejected, TimeSpan appendDuration)
    {
        _accepted.Add(accepted);
        _duplicates.Add(duplicates);
        _rejected.Add(rejected);
        _appendLatency.Record(appendDuration.TotalMilliseconds);
    }

    public void RecordApplied(int count, TimeSpan duration)
    {
        _applied.Add(count);
        _applyLatency.Record(duration.TotalMilliseconds);
        Interlocked.Add(ref _appliedTotal, count);
    }

    /// <summary>
    /// Signals this server delivered to their subjects since it started, by a grain or folded into a snapshot (the counter
    /// of <c>riskengine.signals.applied</c>, kept here too so the stats endpoint can say how fast signals are applied).
    /// </summary>
    public long AppliedTotal => Interlocked.Read(ref _appliedTotal);

    public void RecordFrameSent(TimeSpan duration) => _frameLatency.Record(duration.TotalMilliseconds);

    public void RecordDispatchFailure(int count) => _dispatchFailures.Add(count);

    public void OutcomesRecorded(int count) => _outcomesRecorded.Add(count);

    public void OutcomeDropped() => _outcomesDropped.Add(1);

    public void Refitted() => _refits.Add(1);

    public void RecordFolded(int count)
    {
        _folded.Add(count);
        Interlocked.Add(ref _foldedTotal, count);
    }

    /// <summary>Signals this server folded without a grain since it started.</summary>
    public long FoldedTotal => Interlocked.Read(ref _foldedTotal);

    public void RecordRefused()
    {
        _refused.Add(1);
        Interlocked.Increment(ref _refusedTotal);
    }

    /// <summary>Ingest requests this server refused as over capacity since it started.</summary>
    public long RefusedTotal => Interlocked.Read(ref _refusedTotal);

    private long _appliedTotal;
    private long _foldedTotal;
    private long _refusedTotal;
}
