using System.Buffers;
using System.Diagnostics;
using RiskEngine.LoadTests.Api;
using RiskEngine.LoadTests.Hosting;
using RiskEngine.LoadTests.Reporting;
using RiskEngine.LoadTests.Workload;

namespace RiskEngine.LoadTests.Phases;

/// <summary>
/// The engine's side of the benchmark: <c>clients</c> concurrent clients, each posting a batch of new signals
/// and waiting for its 202 before the next (closed loop), for the warm-up and the measured span. A signal counts
/// as durable when a 202 answer counts it accepted; its latency is the request's. A batch refused for now (429 over
/// the request limit, 503 over capacity) is sent again after the Retry-After, as a real source would, and counted as
/// refused; any other failure is counted as failed and not acknowledged; an invalid item in a batch stops the run
/// (the workload is wrong, the figure would be too). With several servers (a cluster), client i posts to server i mod n.
/// </summary>
public sealed class EngineIngestPhase(
    IReadOnlyList<EngineApi> apis, SignalWorkload workload, IReadOnlyList<ServerProcess> servers, int batch, int clients, bool meterDatabase = false)
{
    private const int MaxConsecutiveFailures = 20;

    private readonly AcknowledgedSignals _acknowledged = new();
    private readonly LatencyRecorder _latency = new();
    private long _duplicates;
    private long _requests;
    private long _refused;
    private long _failed;
    private int _consecutiveFailures;

    public async Task<(EngineFigures Figures, AcknowledgedSignals Acknowledged)> RunAsync(
        TimeSpan warmup, TimeSpan duration, CancellationToken cancellationToken)
    {
        var window = new MeasurementWindow(warmup, duration);
        var pids = servers.Select(s => s.ProcessId).ToArray();
        var cpu = new CpuMeter(pids, meterDatabase);
        var lap = new CpuMeter(pids, meterDatabase);
        lap.Start();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await using (ProgressTicker.Start(() => Describe(window) + CpuMeter.Describe(lap.Lap())))
        {
            var meterStarted = StartAfterAsync(cpu, warmup, stop.Token);
            var tasks = Enumerable.Range(0, clients).Select(client => Task.Run(() => ClientAsync(apis[client % apis.Count], window, stop), CancellationToken.None)).ToArray();
            try
            {
                await Task.WhenAll(tasks);
            }
            catch when (tasks.Any(t => t.IsFaulted))
            {
                // One client's failure stopped the others; report the first real cause, not their cancellations.
                throw tasks.First(t => t.IsFaulted).Exception!.InnerExceptions[0];
            }

            await meterStarted;
        }

        var usage = cpu.Stop();

        var figures = new EngineFigures(
            window.MeasuredCount,
            window.WarmupCount,
            Interlocked.Read(ref _duplicates),
            Interlocked.Read(ref _requests),
            Interlocked.Read(ref _refused),
            Interlocked.Read(ref _failed),
            Math.Round(window.MeasuredSpan.TotalSeconds, 3),
            Math.Round(window.Rate, 1),
            _latency.Summarize(),
            usage,
            usage?.MillisecondsPer1000(usage.ServerCores, window.MeasuredCount),
            usage?.MillisecondsPer1000(usage.LoadGeneratorCores, window.MeasuredCount));
        return (figures, _acknowledged);
    }

    private static async Task StartAfterAsync(CpuMeter meter, TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken);
            meter.Start();
        }
        catch (OperationCanceledException)
        {
            // Stopped before the measured span began: nothing to measure.
        }
    }

    private async Task ClientAsync(EngineApi api, MeasurementWindow window, CancellationTokenSource stop)
    {
        var body = new ArrayBufferWriter<byte>(batch * 280);
        try
        {
            while (!window.IsOver && !stop.IsCancellationRequested)
            {
                var first = workload.Reserve(batch);
                body.ResetWrittenCount();
                SignalBatchJson.Write(body, workload, SignalBatchJson.Range(first, batch));
                var started = Stopwatch.GetTimestamp();
                var response = await Retry.RefusedAsync(
                    () =>
                    {
                        started = Stopwatch.GetTimestamp();
                        return api.PostSignalsAsync(body.WrittenMemory, stop.Token);
                    },
                    stop.Token,
                    () => Interlocked.Increment(ref _refused));
                if (response.Answer is { } answer)
                {
                    Acknowledge(window, first, answer, started);
                }
                else
                {
                    await FailedAsync(response, stop.Token);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch
        {
            await stop.CancelAsync();
            throw;
        }
    }

    private void Acknowledge(MeasurementWindow window, long first, IngestAnswer answer, long started)
    {
        if (answer.Rejected.Count > 0)
        {
            var item = answer.Rejected[0];
            throw new InvalidOperationException(
                $"The server rejected {answer.Rejected.Count} generated signals, e.g. #{item.Index}: {item.Error}. The workload must only send valid signals.");
        }

        if (answer.Accepted + answer.Duplicates != batch)
        {
            throw new InvalidOperationException(
                $"A batch of {batch} came back with {answer.Accepted} accepted and {answer.Duplicates} duplicates; they must add up.");
        }

        Interlocked.Exchange(ref _consecutiveFailures, 0);
        _acknowledged.Add(first, batch);
        Interlocked.Add(ref _duplicates, answer.Duplicates);
        if (window.Complete(answer.Accepted))
        {
            Interlocked.Increment(ref _requests);
            _latency.RecordSince(started);
        }
    }

    private async Task FailedAsync(ApiResponse<IngestAnswer> response, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _failed);
        if (servers.FirstOrDefault(s => s.HasExited) is { } exited)
        {
            throw new InvalidOperationException(
                $"The server on {exited.BaseAddress} exited during the run. Its last output:{Environment.NewLine}{exited.Tail()}");
        }

        if (response.Status is >= 400 and < 500 && !response.IsRefused)
        {
            throw new InvalidOperationException($"The server refused a batch: HTTP {response.Status} {response.Detail}");
        }

        if (Interlocked.Increment(ref _consecutiveFailures) > MaxConsecutiveFailures)
        {
            throw new InvalidOperationException(
                $"{MaxConsecutiveFailures} batches in a row failed; the last: HTTP {response.Status} {response.Detail}");
        }

        Console.Error.WriteLine($"  a batch failed (HTTP {response.Status}: {response.Detail}); its signals are not counted");
        await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
    }

    private string Describe(MeasurementWindow window) =>
        $"  engine   {window.Elapsed.TotalSeconds,4:0}s  {window.Stage,-9}  durable {window.WarmupCount + window.MeasuredCount,10:N0}"
        + $"  last 1 s {window.RecentRate(),9:N0}/s  measured {window.Rate,9:N0}/s"
        + $"  refused {Interlocked.Read(ref _refused)} failed {Interlocked.Read(ref _failed)}";
}
