using System.Diagnostics.Metrics;

namespace RiskEngine.Grains;

/// <summary>OpenTelemetry instruments of the engine: ingest and apply rates and latencies.</summary>
public sealed class EngineMetrics
{
    public const string MeterName = "RiskEngine";

    private readonly Counter<long> _accepted;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _applied;
    private readonly Counter<long> _dispatchFailures;
    private readonly Counter<long> _folded;
    private readonly Histogram<double> _appendLatency;
    private readonly Histogram<double> _applyLatency;

    public EngineMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _accepted = meter.CreateCounter<long>("riskengine.signals.accepted", "{signal}", "Signals made durable");
        _duplicates = meter.CreateCounter<long>("riskengine.signals.duplicates", "{signal}", "Signals already in the log");
        _rejected = meter.CreateCounter<long>("riskengine.signals.rejected", "{signal}", "Signals refused at the edge");
        _applied = meter.CreateCounter<long>("riskengine.signals.applied", "{signal}", "Signals delivered to their grains");
        _dispatchFailures = meter.CreateCounter<long>("riskengine.dispatch.failures", "{signal}", "Signals whose delivery was given up");
        _folded = meter.CreateCounter<long>("riskengine.signals.folded", "{signal}", "Signals folded into the snapshot of a subject with no grain in memory");
        _appendLatency = meter.CreateHistogram<double>("riskengine.log.append.duration", "ms", "Time to make a batch durable");
        _applyLatency = meter.CreateHistogram<double>("riskengine.dispatch.apply.duration", "ms", "Time for a grain to apply a delivery");
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
    }

    public void RecordDispatchFailure(int count) => _dispatchFailures.Add(count);

    public void RecordFolded(int count)
    {
        _folded.Add(count);
        Interlocked.Add(ref _foldedTotal, count);
    }

    /// <summary>Signals this server folded without a grain since it started.</summary>
    public long FoldedTotal => Interlocked.Read(ref _foldedTotal);

    private long _foldedTotal;
}
