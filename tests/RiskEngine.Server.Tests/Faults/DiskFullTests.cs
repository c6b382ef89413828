using System.Net;
using System.Text.Json.Nodes;
using RiskEngine.Server.Tests.Client;
using RiskEngine.Server.Tests.Contract;
using RiskEngine.Server.Tests.Hosting;
using Xunit.Abstractions;

namespace RiskEngine.Server.Tests.Faults;

/// <summary>
/// The disk under the embedded engine fills while signals arrive, through a real process on a real (small) file system:
/// clients get 503 with Retry-After and a problem that says why, never a 202 for what was not kept and never a 500;
/// once space returns the engine takes signals again by itself; afterwards the log holds exactly what was acknowledged
/// and its file is sound.
/// </summary>
[Collection(ServerProcessCollection.Name)]
public sealed class DiskFullTests(ITestOutputHelper output)
{
    private const int BatchSize = 20;

    [Fact]
    public async Task A_full_disk_is_refused_with_503_and_the_engine_resumes_when_space_returns_losing_nothing()
    {
        await using var disk = await SmallDisk.MountAsync(megabytes: 48);
        var signals = SignalJson.ForNewSource();
        var subject = TestSubjects.Uscc(TestSubjects.Jiangan);
        var acknowledged = new List<JsonArray>();
        var refusals = new List<string>();

        using (var server = await EngineProcess.StartAsync(disk.Path, [new("Ingest:RequestsPerSecond", "100000"), new("Ingest:RequestBurst", "100000")]))
        {
            using var api = new EngineApi(server.CreateClient());
            await PostAsync(api, signals, subject, acknowledged, refusals);
            Assert.Single(acknowledged);

            disk.Fill();
            // The log may still hold a few free pages; it must refuse once they are gone, and keep refusing.
            await Eventually.ReadAsync(
                async () => await PostAsync(api, signals, subject, acknowledged, refusals),
                status => status == HttpStatusCode.ServiceUnavailable,
                "ingest is refused on the full disk");
            for (var i = 0; i < 5; i++)
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, await PostAsync(api, signals, subject, acknowledged, refusals));
            }

            var answer = await api.PostSignalsAsync(Batch(signals, subject));
            Assert.NotNull(answer.Headers.RetryAfter);
            var problem = await ProblemAssert.IsProblemAsync(answer, HttpStatusCode.ServiceUnavailable);
            Assert.Contains("full", problem.Detail);
            Assert.Contains("Temporarily unavailable", refusals.Distinct().Single());

            disk.Free();
            await Eventually.ReadAsync(
                async () => await PostAsync(api, signals, subject, acknowledged, refusals),
                status => status == HttpStatusCode.Accepted,
                "ingest is taken again once the disk has room");
            await api.WaitForEntityAsync(subject, acknowledged.Sum(b => b.Count));
            output.WriteLine($"{acknowledged.Count} batches acknowledged, {refusals.Count} refused while the disk was full");
            // The operator hears of the fault once, not once per refused request.
            var serverLog = server.OutputTail(2000);
            Assert.Equal(1, CountOf(serverLog, "cannot take writes: the disk under the embedded database is full"));
            Assert.Equal(1, CountOf(serverLog, "takes writes again"));
            server.Kill();
        }

        // Nothing acknowledged is lost: after a kill -9 and a restart on the same data, each acknowledged batch comes
        // back as duplicates, and the subject counts exactly what was acknowledged.
        using (var again = await EngineProcess.StartAsync(disk.Path))
        {
            using var api = new EngineApi(again.CreateClient());
            foreach (var batch in acknowledged)
            {
                var repeat = await api.IngestAsync(batch.Select(s => s!.DeepClone()));
                Assert.Equal((0, batch.Count), (repeat.Accepted, repeat.Duplicates));
            }

            Assert.Equal(acknowledged.Sum(b => b.Count), (await api.GetEntityAsync(subject)).SignalCount);
        }

        using var file = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(disk.Path, "signals.db")};Mode=ReadOnly;Pooling=False");
        file.Open();
        using var check = file.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", check.ExecuteScalar());
    }

    private static int CountOf(string text, string fragment) =>
        text.Split('\n').Count(line => line.Contains(fragment, StringComparison.Ordinal));

    private static JsonArray Batch(SignalJson signals, string subject) =>
        new(Enumerable.Range(0, BatchSize).Select(i => (JsonNode)signals.Complaint(subject, hoursAgo: 1 + i)).ToArray());

    /// <summary>Posts a batch; a 202 goes in the ledger, a refusal's problem title in the refusals; returns the status.</summary>
    private static async Task<HttpStatusCode> PostAsync(EngineApi api, SignalJson signals, string subject, List<JsonArray> acknowledged, List<string> refusals)
    {
        var batch = Batch(signals, subject);
        using var response = await api.PostSignalsAsync(batch.Select(s => s!.DeepClone()));
        if (response.StatusCode == HttpStatusCode.Accepted)
        {
            var answer = await ContractJson.ReadAsync<IngestAnswer>(response);
            Assert.Equal(BatchSize, answer.Accepted);
            acknowledged.Add(batch);
        }
        else
        {
            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable,
                $"the full disk was answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            refusals.Add((await ContractJson.ReadAsync<Problem>(response)).Title ?? "");
        }

        return response.StatusCode;
    }
}
