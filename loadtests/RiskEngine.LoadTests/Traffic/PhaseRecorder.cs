using System.Diagnostics;
using RiskEngine.LoadTests.Phases;

namespace RiskEngine.LoadTests.Traffic;

/// <summary>
/// What one phase of open-model traffic did, recorded from any thread: latencies measured from each request's
/// intended send time (so a server that falls behind shows as queueing, not as a lower offered load), how far the
/// sender itself lagged its schedule, and counts of what was offered, acknowledged, repeated, rejected, refused and failed.
/// Everything recorded is also recorded in <c>total</c>, when given: the whole traffic's recorder.
/// </summary>
public sealed class PhaseRecorder(string name, double seconds, RateProfile offered, PhaseRecorder? total = null)
{
    private long _requestsSent;
    private long _requestsAnswered;
    private long _itemsOffered;
    private long _newSent;
    private long _duplicatesSent;
    private long _malformedSent;
    private long _accepted;
    private long _duplicatesReported;
    private long _malformedRejected;
    private long _validRejected;
    private long _countMismatches;
    private long _requestsRefused;
    private long _signalsRefused;
    private long _lastCompletionTicks;

    public string Name { get; } = name;

    public double Seconds { get; } = seconds;

    public RateProfile Offered { get; } = offered;

    /// <summary>Intended send time to the answer (202 or refusal) or the failure: what a source sees, queueing included.</summary>
    public LatencyRecorder IngestLatency { get; } = new();

    /// <summary>Actual send time to the answer: the server's service time under this load.</summary>
    public LatencyRecorder ServiceLatency { get; } = new();

    /// <summary>Intended to actual send time: the load generator's own delay; large values mean it was starved.</summary>
    public LatencyRecorder SenderLag { get; } = new();

    public ErrorCounts Errors { get; } = new();

    /// <summary>When the phase's schedule started (a <see cref="Stopwatch"/> timestamp).</summary>
    public long StartTimestamp { get; private set; }

    public long RequestsSent => Interlocked.Read(ref _requestsSent);

    public long RequestsAnswered => Interlocked.Read(ref _requestsAnswered);

    public long ItemsOffered => Interlocked.Read(ref _itemsOffered);

    public long NewSent => Interlocked.Read(ref _newSent);

    public long DuplicatesSent => Interlocked.Read(ref _duplicatesSent);

    public long MalformedSent => Interlocked.Read(ref _malformedSent);

    public long Accepted => Interlocked.Read(ref _accepted);

    public long DuplicatesReported => Interlocked.Read(ref _duplicatesReported);

    public long MalformedRejected => Interlocked.Read(ref _malformedRejected);

    public long ValidRejected => Interlocked.Read(ref _validRejected);

    public long CountMismatches => Interlocked.Read(ref _countMismatches);

    /// <summary>Requests the server refused for now (503 over capacity, 429 over the request limit): answers, not errors.</summary>
    public long RequestsRefused => Interlocked.Read(ref _requestsRefused);

    /// <summary>Signals in the refused requests (nothing of them was taken).</summary>
    public long SignalsRefused => Interlocked.Read(ref _signalsRefused);

    /// <summary>From the phase's start to its last answer (at least its scheduled length).</summary>
    public double ElapsedSeconds
    {
        get
        {
            var last = Interlocked.Read(ref _lastCompletionTicks);
            var span = last > StartTimestamp ? (double)(last - StartTimestamp) / Stopwatch.Frequency : 0;
            return Math.Max(span, Seconds);
        }
    }

    /// <summary>The phase's schedule starts now; the total's start is its first phase's.</summary>
    public void Started(long timestamp)
    {
        if (StartTimestamp == 0)
        {
            StartTimestamp = timestamp;
        }

        total?.Started(timestamp);
    }

    public void Offer(BatchPlan plan)
    {
        Interlocked.Add(ref _itemsOffered, plan.Count);
        total?.Offer(plan);
    }

    public void AddError(string type, long count = 1, string? example = null)
    {
        Errors.Add(type, count, example);
        total?.AddError(type, count, example);
    }

    public void Sent(BatchPlan plan, long sentTimestamp)
    {
        Interlocked.Increment(ref _requestsSent);
        var duplicates = plan.Items.Count(i => i.IsDuplicate);
        var malformed = plan.Items.Count(i => i.Malformation is not null);
        Interlocked.Add(ref _newSent, plan.NewCount);
        Interlocked.Add(ref _duplicatesSent, duplicates);
        Interlocked.Add(ref _malformedSent, malformed);
        SenderLag.RecordMicroseconds((sentTimestamp - plan.IntendedTimestamp) * 1_000_000 / Stopwatch.Frequency);
        total?.Sent(plan, sentTimestamp);
    }

    public void Completed(BatchPlan plan, long sentTimestamp, long completedTimestamp)
    {
        IngestLatency.RecordMicroseconds((completedTimestamp - plan.IntendedTimestamp) * 1_000_000 / Stopwatch.Frequency);
        ServiceLatency.RecordMicroseconds((completedTimestamp - sentTimestamp) * 1_000_000 / Stopwatch.Frequency);
        var last = Interlocked.Read(ref _lastCompletionTicks);
        while (completedTimestamp > last)
        {
            var seen = Interlocked.CompareExchange(ref _lastCompletionTicks, completedTimestamp, last);
            if (seen == last)
            {
                break;
            }

            last = seen;
        }

        total?.Completed(plan, sentTimestamp, completedTimestamp);
    }

    /// <summary>A refusal (503 or 429): the server answered and took nothing of the request.</summary>
    public void Refused(BatchPlan plan)
    {
        Interlocked.Increment(ref _requestsRefused);
        Interlocked.Add(ref _signalsRefused, plan.Count);
        total?.Refused(plan);
    }

    /// <summary>A 202: its counts, and how the server judged the spoiled and the valid items.</summary>
    public void Answered(int accepted, int duplicates, int malformedRejected, int validRejected, bool countsAddUp)
    {
        Interlocked.Increment(ref _requestsAnswered);
        Interlocked.Add(ref _accepted, accepted);
        Interlocked.Add(ref _duplicatesReported, duplicates);
        Interlocked.Add(ref _malformedRejected, malformedRejected);
        Interlocked.Add(ref _validRejected, validRejected);
        if (!countsAddUp)
        {
            Interlocked.Increment(ref _countMismatches);
        }

        total?.Answered(accepted, duplicates, malformedRejected, validRejected, countsAddUp);
    }
}
