using System.Buffers;
using System.Diagnostics;
using RiskEngine.LoadTests.Api;
using RiskEngine.LoadTests.Workload;

namespace RiskEngine.LoadTests.Phases;

/// <summary>
/// Posts acknowledged signals again, exactly as they were first sent. The engine keeps (source, sourceId) forever,
/// so each must come back as a duplicate; one accepted as new was acknowledged once and then lost.
/// </summary>
public static class RepostCheck
{
    /// <summary>What came back for the re-posted signals.</summary>
    public sealed record Outcome(long Reposted, long Duplicates, long Accepted, double Seconds);

    /// <exception cref="InvalidOperationException">A batch failed or an item was rejected: the check could not be made.</exception>
    public static async Task<Outcome> RunAsync(
        IReadOnlyList<EngineApi> apis, SignalWorkload workload, long[] numbers, int batch, int clients, CancellationToken cancellationToken)
    {
        var batches = (numbers.Length + batch - 1) / batch;
        var nextBatch = -1;
        long duplicates = 0;
        long accepted = 0;
        long done = 0;
        var clock = Stopwatch.StartNew();

        // Client i posts to server i mod n: on a cluster, every server must recognise every acknowledged signal.
        async Task ClientAsync(int client)
        {
            var api = apis[client % apis.Count];
            var body = new ArrayBufferWriter<byte>(batch * 280);
            int index;
            while ((index = Interlocked.Increment(ref nextBatch)) < batches)
            {
                var slice = new ArraySegment<long>(numbers, index * batch, Math.Min(batch, numbers.Length - index * batch));
                body.ResetWrittenCount();
                SignalBatchJson.Write(body, workload, slice);
                var response = await Retry.RefusedAsync(() => api.PostSignalsAsync(body.WrittenMemory, cancellationToken), cancellationToken);
                if (response.Answer is not { } answer)
                {
                    throw new InvalidOperationException($"Re-posting acknowledged signals failed: HTTP {response.Status} {response.Detail}");
                }

                if (answer.Rejected.Count > 0 || answer.Accepted + answer.Duplicates != slice.Count)
                {
                    throw new InvalidOperationException(
                        $"Re-posting {slice.Count} acknowledged signals: {answer.Accepted} accepted, {answer.Duplicates} duplicates, {answer.Rejected.Count} rejected; they must add up.");
                }

                Interlocked.Add(ref duplicates, answer.Duplicates);
                Interlocked.Add(ref accepted, answer.Accepted);
                Interlocked.Add(ref done, slice.Count);
            }
        }

        await using (ProgressTicker.Start(() =>
            $"  re-post  {clock.Elapsed.TotalSeconds,4:0}s  {Interlocked.Read(ref done),10:N0} of {numbers.Length:N0}  duplicates {Interlocked.Read(ref duplicates):N0}  accepted as new {Interlocked.Read(ref accepted):N0}"))
        {
            await Task.WhenAll(Enumerable.Range(0, Math.Min(clients, Math.Max(1, batches))).Select(client => Task.Run(() => ClientAsync(client), cancellationToken)));
        }

        return new Outcome(numbers.Length, duplicates, accepted, Math.Round(clock.Elapsed.TotalSeconds, 3));
    }
}
