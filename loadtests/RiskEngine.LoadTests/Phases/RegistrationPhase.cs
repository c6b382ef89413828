using System.Buffers;
using System.Diagnostics;
using RiskEngine.LoadTests.Api;
using RiskEngine.LoadTests.Reporting;
using RiskEngine.LoadTests.Workload;

namespace RiskEngine.LoadTests.Phases;

/// <summary>Registers subjects through the registration API (POST /api/v1/entities, /api/v1/equipment) from concurrent clients, in batches.</summary>
public static class RegistrationPhase
{
    public const int BatchSize = 1000;

    /// <exception cref="InvalidOperationException">The server refused a registration or a batch failed.</exception>
    public static Task<RegistrationFigures> RunAsync(
        EngineApi api, EntityPopulation entities, int clients, CancellationToken cancellationToken) =>
        RunAsync("entities", entities.Count, (body, first, count) => EntityBatchJson.Write(body, entities, first, count), api.PostEntitiesAsync, clients, cancellationToken);

    /// <exception cref="InvalidOperationException">The server refused a registration or a batch failed.</exception>
    public static Task<RegistrationFigures> RunAsync(
        EngineApi api, EquipmentPopulation units, DateTimeOffset now, int clients, CancellationToken cancellationToken) =>
        RunAsync("units", units.Count, (body, first, count) => EquipmentBatchJson.Write(body, units, first, count, now), api.PostEquipmentAsync, clients, cancellationToken);

    private static async Task<RegistrationFigures> RunAsync(
        string what,
        int total,
        Action<ArrayBufferWriter<byte>, int, int> write,
        Func<ReadOnlyMemory<byte>, CancellationToken, Task<ApiResponse<RegistrationAnswer>>> post,
        int clients,
        CancellationToken cancellationToken)
    {
        var batches = (total + BatchSize - 1) / BatchSize;
        var nextBatch = -1;
        var registered = 0;
        var clock = Stopwatch.StartNew();

        async Task ClientAsync()
        {
            var body = new ArrayBufferWriter<byte>(BatchSize * 200);
            int batch;
            while ((batch = Interlocked.Increment(ref nextBatch)) < batches)
            {
                var first = batch * BatchSize;
                var count = Math.Min(BatchSize, total - first);
                body.ResetWrittenCount();
                write(body, first, count);
                var response = await Retry.RefusedAsync(() => post(body.WrittenMemory, cancellationToken), cancellationToken);
                if (response.Answer is not { } answer)
                {
                    throw new InvalidOperationException(
                        $"Registering {what} {first}..{first + count - 1} failed: HTTP {response.Status} {response.Detail}");
                }

                if (answer.Rejected.Count > 0 || answer.Created + answer.Updated != count)
                {
                    var reason = answer.Rejected.Count > 0 ? $"first: #{answer.Rejected[0].Index} {answer.Rejected[0].Error}" : "";
                    throw new InvalidOperationException(
                        $"Registering {count} {what}: created {answer.Created}, updated {answer.Updated}, rejected {answer.Rejected.Count} {reason}");
                }

                Interlocked.Add(ref registered, count);
            }
        }

        await using (ProgressTicker.Start(() =>
        {
            var done = Volatile.Read(ref registered);
            var seconds = clock.Elapsed.TotalSeconds;
            return $"  register  {seconds,4:0}s  {done,10:N0} of {total:N0} {what}  {(seconds > 0 ? done / seconds : 0),8:N0}/s";
        }))
        {
            await Task.WhenAll(Enumerable.Range(0, Math.Min(clients, Math.Max(1, batches))).Select(_ => Task.Run(ClientAsync, cancellationToken)));
        }

        var elapsed = clock.Elapsed.TotalSeconds;
        return new RegistrationFigures(registered, batches, BatchSize, Math.Round(elapsed, 3), elapsed > 0 ? Math.Round(registered / elapsed, 1) : 0);
    }
}
