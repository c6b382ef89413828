using System.Buffers;
using System.Diagnostics;
using RiskEngine.LoadTests.Api;
using RiskEngine.LoadTests.Wall;
using RiskEngine.LoadTests.Workload;

namespace RiskEngine.LoadTests.Traffic;

/// <summary>
/// Open-model traffic: each stream's requests arrive on their own schedule (Poisson arrivals at the stream's
/// rate, recomputed as a ramp moves), and are sent at their intended time whether or not earlier ones have been
/// answered, so a slow server builds a queue instead of slowing the load. Every latency is measured from the
/// intended send time, never the actual one (no coordinated omission). Requests still unanswered past
/// <c>maxOutstanding</c> are not sent and counted as "not-sent-backlog", which bounds the generator's memory.
/// A request the server refuses for now (503 over capacity, 429 over the request limit) is an answer, not an error:
/// it is counted as refused, its latency goes with the others, and it is not sent again (an open-model source's
/// retry would be a new arrival). Requests are spread round-robin over the servers.
/// </summary>
public sealed class OpenModelDriver(
    IReadOnlyList<EngineApi> apis,
    BatchComposer composer,
    int batch,
    int maxOutstanding,
    WallLatency wall,
    SecondSeries series,
    Func<bool> serversAlive)
{
    private readonly Random _arrivals = new(20261123);
    private int _outstanding;
    private int _nextServer;

    public int Outstanding => Volatile.Read(ref _outstanding);

    /// <summary>
    /// Sends one phase's requests on their schedule and returns when the schedule ends, without waiting for the
    /// answers (the next phase's arrivals must not wait on this one's queue); the returned task completes with the
    /// phase's last answer.
    /// </summary>
    public async Task<Task> ScheduleAsync(int phaseIndex, PhasePlan phase, PhaseRecorder recorder, CancellationToken cancellationToken)
    {
        var streams = phase.Streams;
        var duration = phase.Duration.TotalSeconds;
        var start = Stopwatch.GetTimestamp();
        var startUtc = DateTimeOffset.UtcNow;
        recorder.Started(start);
        wall.CurrentPhase = phaseIndex;
        var next = streams.Select(s => NextArrival(s, 0, duration)).ToArray();
        var inFlight = new List<Task>();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var index = 0;
            for (var i = 1; i < next.Length; i++)
            {
                if (next[i] < next[index])
                {
                    index = i;
                }
            }

            var due = next[index];
            if (due >= duration)
            {
                break;
            }

            var dueTimestamp = start + (long)(due * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), dueTimestamp);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait, cancellationToken);
            }

            var stream = streams[index];
            var plan = composer.Compose(phaseIndex, index, stream, dueTimestamp, startUtc.AddSeconds(due));
            recorder.Offer(plan);
            series.Offered(dueTimestamp, plan.Count);
            if (Volatile.Read(ref _outstanding) >= maxOutstanding)
            {
                recorder.AddError("not-sent-backlog");
                series.Error(dueTimestamp);
            }
            else
            {
                Interlocked.Increment(ref _outstanding);
                var api = apis[_nextServer++ % apis.Count];
                inFlight.Add(Task.Run(() => SendAsync(api, stream, plan, recorder, cancellationToken), CancellationToken.None));
            }

            next[index] = NextArrival(stream, due, duration);
            if (inFlight.Count > 4096)
            {
                inFlight.RemoveAll(t => t.IsCompleted);
            }
        }

        composer.Retire(streams);
        return Task.WhenAll(inFlight);
    }

    /// <summary>
    /// When a stream's next request arrives after <paramref name="now"/>: a Poisson process of requests of
    /// <c>batch</c> signals whose rate follows the stream's profile (an exponential amount of offered signals, mean one batch).
    /// </summary>
    private double NextArrival(Workload.TrafficStream stream, double now, double duration) =>
        stream.Rate.AfterOffering(now, duration, -Math.Log(1 - _arrivals.NextDouble()) * batch);

    private async Task SendAsync(EngineApi api, Workload.TrafficStream stream, BatchPlan plan, PhaseRecorder recorder, CancellationToken cancellationToken)
    {
        try
        {
            var body = new ArrayBufferWriter<byte>(plan.Count * 300);
            ScenarioBatchJson.Write(body, plan.Items);
            var sent = Stopwatch.GetTimestamp();
            recorder.Sent(plan, sent);
            var response = await api.PostSignalsAsync(body.WrittenMemory, cancellationToken);
            var completed = Stopwatch.GetTimestamp();
            recorder.Completed(plan, sent, completed);
            series.IngestLatency(completed, (completed - plan.IntendedTimestamp) * 1_000_000 / Stopwatch.Frequency);
            if (response.Answer is { } answer)
            {
                Acknowledge(stream, plan, answer, recorder, completed);
            }
            else if (response.IsRefused)
            {
                recorder.Refused(plan);
                series.Refused(completed);
            }
            else
            {
                recorder.AddError(ErrorType(response), example: $"HTTP {response.Status}: {response.Detail}");
                series.Error(completed);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            Interlocked.Decrement(ref _outstanding);
        }
    }

    private string ErrorType(ApiResponse<IngestAnswer> response)
    {
        if (response.Status != 0)
        {
            return $"http-{response.Status}";
        }

        if (!serversAlive())
        {
            return "server-exited";
        }

        return response.Detail.StartsWith("no answer within", StringComparison.Ordinal) ? "timeout" : "transport";
    }

    /// <summary>
    /// A 202: the new items it did not reject are acknowledged as durable (their numbers are kept for the loss
    /// checks), each spoiled item must be among the rejected, and the counts must add up.
    /// </summary>
    private void Acknowledge(Workload.TrafficStream stream, BatchPlan plan, IngestAnswer answer, PhaseRecorder recorder, long completed)
    {
        var rejected = new HashSet<int>(answer.Rejected.Select(r => r.Index));
        var malformedRejected = 0;
        var validRejected = 0;
        var repeats = 0;
        var durable = new List<long>(plan.NewCount);
        for (var position = 0; position < plan.Items.Length; position++)
        {
            var item = plan.Items[position];
            var isRejected = rejected.Contains(position);
            if (item.Malformation is not null)
            {
                malformedRejected += isRejected ? 1 : 0;
            }
            else if (isRejected)
            {
                validRejected++;
            }
            else if (item.IsNew)
            {
                durable.Add(item.Number);
            }
            else
            {
                repeats++;
            }
        }

        // The new items were consecutive numbers before the shuffle; keep them as runs again.
        durable.Sort();
        for (var i = 0; i < durable.Count;)
        {
            var run = 1;
            while (i + run < durable.Count && durable[i + run] == durable[i] + run)
            {
                run++;
            }

            stream.Acknowledged.Add(durable[i], run);
            i += run;
        }

        var malformed = plan.Items.Count(i => i.Malformation is not null);
        var valid = plan.Count - malformed;
        var addsUp = answer.Accepted + answer.Duplicates == valid - validRejected && malformedRejected == malformed && answer.Rejected.Count == malformed + validRejected;
        if (malformedRejected < malformed)
        {
            var missed = plan.Items.Where((item, position) => item.Malformation is not null && !rejected.Contains(position)).First();
            var signal = missed.Stream.At(missed.Number);
            recorder.AddError("malformed-accepted", malformed - malformedRejected,
                $"{missed.Malformation!.Value.Name()} of a {signal.Template.KindWire} signal about {signal.SubjectId} was not rejected");
            series.Error(completed);
        }

        if (validRejected > 0)
        {
            var first = answer.Rejected.First(r => r.Index >= 0 && r.Index < plan.Items.Length && plan.Items[r.Index].Malformation is null);
            var signal = plan.Items[first.Index].Stream.At(plan.Items[first.Index].Number);
            recorder.AddError("valid-rejected", validRejected, $"{signal.Template.KindWire} {signal.SubjectId} {signal.Template.WireData}: {first.Error}");
            series.Error(completed);
        }

        // Every repeat names a signal already acknowledged, so the server's duplicate count is known exactly.
        if (answer.Duplicates != repeats)
        {
            recorder.AddError("duplicates-miscounted", Math.Abs(answer.Duplicates - repeats), $"{repeats} repeats of acknowledged signals, {answer.Duplicates} counted as duplicates");
            series.Error(completed);
        }

        recorder.Answered(answer.Accepted, answer.Duplicates, malformedRejected, validRejected, addsUp);
        series.Accepted(completed, answer.Accepted);
        wall.BatchAcknowledged(plan.Phase, plan.IntendedAt, DateTimeOffset.UtcNow);
    }
}
