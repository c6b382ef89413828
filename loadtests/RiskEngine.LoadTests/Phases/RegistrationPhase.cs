using System.Buffers;
using System.Diagnostics;
using RiskEngine.LoadTests.Api;
using RiskEngine.LoadTests.Reporting;
using RiskEngine.LoadTests.Workload;

namespace RiskEngine.LoadTests.Phases;

/// <summary>Registers the whole population through POST /api/v1/entities from concurrent clients, in batches.</summary>
public static class RegistrationPhase
{
    public const int BatchSize = 1000;

    /// <exception cref="InvalidOperationException">The server refused a registration or a batch failed.</exception>
    public static async Task<RegistrationFigures> RunAsync(
        EngineApi api, EntityPopulation entities, int clients, CancellationToken cancellationToken)
    {
        var batches = (entities.Count + BatchSize - 1) / BatchSize;
        var nextBatch = -1;
        var registered = 0;
        var clock = Stopwatch.StartNew();

        async Task ClientAsync()
        {
            var body = new ArrayBufferWriter<byte>(BatchSize * 160);
            int batch;
            while ((batch = Interlocked.Increment(ref nextBatch)) < batches)
            {
                var first = batch * BatchSize;
                var count = Math.Min(BatchSize, entities.Count - first);
                body.ResetWrittenCount();
                EntityBatchJson.Write(body, entities, first, count);
                var response = await Retry.ThrottledAsync(() => api.PostEntitiesAsync(body.WrittenMemory, cancellationToken), cancellationToken);
                if (response.Answer is not { } answer)
                {
                    throw new InvalidOperationException(
                        $"Registering entities {first}..{first + count - 1} failed: HTTP {response.Status} {response.Detail}");
                }

                if (answer.Rejected.Count > 0 || answer.Created + answer.Updated != count)
                {
                    var reason = answer.Rejected.Count > 0 ? $"first: #{answer.Rejected[0].Index} {answer.Rejected[0].Error}" : "";
                    throw new InvalidOperationException(
                        $"Registering {count} entities: created {answer.Created}, updated {answer.Updated}, rejected {answer.Rejected.Count} {reason}");
                }

                Interlocked.Add(ref registered, count);
            }
        }

        await using (ProgressTicker.Start(() => $"  register  {clock.Elapsed.TotalSeconds,4:0}s  {Volatile.Read(ref registered),10:N0} of {entities.Count:N0} entities"))
        {
            await Task.WhenAll(Enumerable.Range(0, Math.Min(clients, batches)).Select(_ => Task.Run(ClientAsync, cancellationToken)));
        }

        var seconds = clock.Elapsed.TotalSeconds;
        return new RegistrationFigures(registered, batches, BatchSize, Math.Round(seconds, 3), Math.Round(registered / seconds, 1));
    }
}
