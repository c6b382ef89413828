using System.Buffers;
using System.Diagnostics;
using RiskEngine.LoadTests.Api;
using RiskEngine.LoadTests.Phases;
using RiskEngine.LoadTests.Workload;

namespace RiskEngine.LoadTests.Traffic;

/// <summary>
/// Posts a random sample of the acknowledged signals of every stream again, exactly as first sent, spread over the
/// servers. The engine keeps (source, sourceId) forever, so each must come back a duplicate; one accepted as new was
/// acknowledged once and then lost. The sample is split over the streams in proportion to what each had acknowledged.
/// A server still digesting an overload may not answer at once: a batch that gets no answer, or a 5xx, is posted
/// again (re-posting is idempotent) until <see cref="Patience"/> has passed; then the check is given up and says why.
/// </summary>
public static class ScenarioRepostCheck
{
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan RetryPause = TimeSpan.FromSeconds(2);

    /// <summary>What came back, and why the check could not be finished when it could not (null when it was).</summary>
    public sealed record Result(RepostCheck.Outcome Outcome, string? Failure);

    public static async Task<Result> RunAsync(
        IReadOnlyList<EngineApi> apis, IReadOnlyList<TrafficStream> streams, long sampleSize, int batch, int clients, CancellationToken cancellationToken)
    {
        var total = streams.Sum(s => s.Acknowledged.Count);
        var random = new Random(7);
        var work = new List<(TrafficStream Stream, long[] Numbers)>();
        foreach (var stream in streams)
        {
            var share = total == 0 ? 0 : (long)Math.Ceiling((double)sampleSize * stream.Acknowledged.Count / total);
            var numbers = stream.Acknowledged.Sample(share, random);
            for (var first = 0; first < numbers.Length; first += batch)
            {
                work.Add((stream, numbers[first..Math.Min(numbers.Length, first + batch)]));
            }
        }

        var next = -1;
        long duplicates = 0;
        long accepted = 0;
        long done = 0;
        var reposted = work.Sum(w => (long)w.Numbers.Length);
        var clock = Stopwatch.StartNew();
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        giveUp.CancelAfter(Patience);
        string? failure = null;

        async Task<ApiResponse<IngestAnswer>> PostPatientlyAsync(EngineApi api, ReadOnlyMemory<byte> body)
        {
            while (true)
            {
                var response = await Retry.RefusedAsync(() => api.PostSignalsAsync(body, giveUp.Token), giveUp.Token);
                if (response.Answer is not null || response.Status is >= 400 and < 500)
                {
                    return response;
                }

                await Task.Delay(RetryPause, giveUp.Token);
            }
        }

        async Task ClientAsync(int client)
        {
            var api = apis[client % apis.Count];
            var body = new ArrayBufferWriter<byte>(batch * 300);
            int index;
            while ((index = Interlocked.Increment(ref next)) < work.Count)
            {
                var (stream, numbers) = work[index];
                body.ResetWrittenCount();
                ScenarioBatchJson.Write(body, stream, numbers);
                var response = await PostPatientlyAsync(api, body.WrittenMemory);
                if (response.Answer is not { } answer)
                {
                    throw new InvalidOperationException($"Re-posting acknowledged signals failed: HTTP {response.Status} {response.Detail}");
                }

                if (answer.Rejected.Count > 0 || answer.Accepted + answer.Duplicates != numbers.Length)
                {
                    var first = answer.Rejected.Count > 0 ? $" (first: #{answer.Rejected[0].Index} {answer.Rejected[0].Error})" : "";
                    throw new InvalidOperationException(
                        $"Re-posting {numbers.Length} acknowledged signals: {answer.Accepted} accepted, {answer.Duplicates} duplicates, {answer.Rejected.Count} rejected{first}; they must add up.");
                }

                Interlocked.Add(ref duplicates, answer.Duplicates);
                Interlocked.Add(ref accepted, answer.Accepted);
                Interlocked.Add(ref done, numbers.Length);
            }
        }

        await using (ProgressTicker.Start(() =>
            $"  re-post  {clock.Elapsed.TotalSeconds,4:0}s  {Interlocked.Read(ref done),10:N0} of {reposted:N0}  duplicates {Interlocked.Read(ref duplicates):N0}  accepted as new {Interlocked.Read(ref accepted):N0}"))
        {
            try
            {
                await Task.WhenAll(Enumerable.Range(0, Math.Min(clients, Math.Max(1, work.Count))).Select(c => Task.Run(() => ClientAsync(c), cancellationToken)));
            }
            catch (OperationCanceledException) when (giveUp.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                failure = $"the servers did not answer the re-posts within {Patience.TotalMinutes:0} minutes ({Interlocked.Read(ref done):N0} of {reposted:N0} re-posted)";
            }
            catch (InvalidOperationException error)
            {
                failure = error.Message;
            }
        }

        return new Result(
            new RepostCheck.Outcome(Interlocked.Read(ref done), duplicates, accepted, Math.Round(clock.Elapsed.TotalSeconds, 3)),
            failure);
    }
}
