using System.Net;
using System.Text.Json.Nodes;
using RiskEngine.Server.Tests.Client;
using RiskEngine.Server.Tests.Contract;

namespace RiskEngine.Server.Tests.Recovery;

/// <summary>
/// Several clients posting batches as fast as the server answers, each to subjects of its own, writing every
/// outcome in a <see cref="SignalLedger"/>. A client stops at the first request that fails (the server is gone).
/// </summary>
public sealed class SignalStream(Func<HttpClient> connect, int clients, int subjectsPerClient, int batchSize)
{
    private readonly SignalJson _signals = SignalJson.ForNewSource();

    public SignalLedger Ledger { get; } = new();

    public IReadOnlyList<string> Subjects { get; } =
        Enumerable.Range(0, clients * subjectsPerClient).Select(i => TestSubjects.Uscc(i % 2 == 0 ? TestSubjects.Jiangan : TestSubjects.Wuchang)).ToArray();

    /// <summary>Runs until every client has met a dead server or <paramref name="stop"/> is cancelled.</summary>
    public Task RunAsync(CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(() => RunClientAsync(client, stop), CancellationToken.None)));

    private async Task RunClientAsync(int client, CancellationToken stop)
    {
        using var http = connect();
        using var api = new EngineApi(http);
        var own = Subjects.Skip(client * subjectsPerClient).Take(subjectsPerClient).ToArray();
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var subject = own[n % own.Length];
            var batch = new LedgerBatch(subject, Enumerable.Range(0, batchSize).Select(i => Signal(subject, n * batchSize + i)).ToArray());
            HttpResponseMessage response;
            try
            {
                response = await api.PostSignalsAsync(batch.Signals);
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException or IOException)
            {
                Ledger.Unsettle(batch);
                return;
            }

            using (response)
            {
                if (response.StatusCode != HttpStatusCode.Accepted)
                {
                    Ledger.Refuse($"HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(CancellationToken.None)}");
                    return;
                }

                var answer = await ContractJson.ReadAsync<IngestAnswer>(response);
                if (answer.Accepted != batchSize)
                {
                    Ledger.Refuse($"accepted {answer.Accepted} of {batchSize} new signals ({answer.Duplicates} duplicates, {answer.Rejected.Count} rejected)");
                    return;
                }

                Ledger.Acknowledge(batch);
            }
        }
    }

    /// <summary>Mostly complaints, some samples and inspections, spread over the last month.</summary>
    private JsonObject Signal(string subject, int n) => (n % 10) switch
    {
        3 => _signals.FailedSampling(subject, hoursAgo: 1 + n % 700),
        7 => _signals.PassedInspection(subject, hoursAgo: 1 + n % 700),
        _ => _signals.Complaint(subject, hoursAgo: 1 + n % 700),
    };
}
