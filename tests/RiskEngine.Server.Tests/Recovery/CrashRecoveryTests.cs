using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using RiskEngine.Server.Tests.Client;
using RiskEngine.Server.Tests.Contract;
using RiskEngine.Server.Tests.Hosting;
using Xunit.Abstractions;

namespace RiskEngine.Server.Tests.Recovery;

/// <summary>
/// Promise 1 and 2 against a real process: SIGKILL the server while clients stream signals, start it again on the
/// same data, and nothing it acknowledged is lost, nothing counts twice, and scores read as before.
/// </summary>
[Collection(ServerProcessCollection.Name)]
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    private const int Clients = 4;
    private const int SubjectsPerClient = 5;
    private const int BatchSize = 25;
    private static readonly TimeSpan StreamFor = TimeSpan.FromSeconds(2);

    /// <summary>Snapshots written every second and no rate limit: the kill lands among log commits and snapshot writes.</summary>
    private static readonly KeyValuePair<string, string?>[] Settings =
    [
        new("Engine:SnapshotFlushInterval", "00:00:01"),
        new("Engine:CheckpointInterval", "00:00:01"),
        new("Ingest:RequestsPerSecond", "100000"),
        new("Ingest:RequestBurst", "100000"),
    ];

    [Fact]
    public async Task A_server_killed_mid_stream_keeps_every_acknowledged_signal_and_its_scores()
    {
        using var data = new TemporaryDirectory();
        var signals = SignalJson.ForNewSource();
        Dictionary<string, SubjectRisk> probesBefore;
        SignalStream stream;
        TimeSpan streamed;

        using (var first = await EngineProcess.StartAsync(data.Path, Settings))
        {
            output.WriteLine($"first start: ready in {first.StartupTime.TotalSeconds:F1} s at {first.BaseAddress}");
            using var api = new EngineApi(first.CreateClient());
            var probes = await SettleProbesAsync(api, signals);

            stream = new SignalStream(() => first.CreateClient(), Clients, SubjectsPerClient, BatchSize);
            using var stop = new CancellationTokenSource();
            var clock = Stopwatch.StartNew();
            var streaming = stream.RunAsync(stop.Token);
            await Task.Delay(StreamFor);

            // Just before the kill: the probes' scores, read while the stream still runs.
            probesBefore = await ReadAllAsync(api, probes);
            Assert.True(stream.Ledger.AcknowledgedSignals > 0, "no batch was acknowledged before the kill");
            first.Kill();
            streamed = clock.Elapsed;
            stop.Cancel();
            await streaming;
        }

        var ledger = stream.Ledger;
        Assert.Empty(ledger.Refusals);
        output.WriteLine($"streamed {streamed.TotalSeconds:F1} s: {ledger.AcknowledgedSignals} signals acknowledged in {ledger.Acknowledged.Count} batches " +
                         $"({ledger.AcknowledgedSignals / streamed.TotalSeconds:F0}/s), {ledger.UnsettledSignals} in flight at the kill in {ledger.Unsettled.Count} batches");

        using var second = await EngineProcess.StartAsync(data.Path, Settings);
        output.WriteLine($"restart after SIGKILL: ready in {second.StartupTime.TotalSeconds:F1} s");
        using var restarted = new EngineApi(second.CreateClient());

        // Counts first, before anything is posted again: the log alone must explain them.
        var recovered = new Dictionary<string, int>();
        foreach (var subject in stream.Subjects)
        {
            recovered[subject] = await CountAsync(restarted, subject);
        }

        foreach (var subject in stream.Subjects)
        {
            var acknowledged = ledger.AcknowledgedFor(subject);
            var unsettled = ledger.Unsettled.Where(b => b.Subject == subject).Sum(b => b.Signals.Count);
            Assert.True(recovered[subject] >= acknowledged, $"{subject}: {recovered[subject]} signals after the restart, but {acknowledged} were acknowledged");
            Assert.True(recovered[subject] <= acknowledged + unsettled, $"{subject}: {recovered[subject]} signals after the restart, more than the {acknowledged} acknowledged and {unsettled} in flight");
        }

        // Every acknowledged signal is in the log: posting them again finds each one a duplicate.
        var reposted = 0;
        foreach (var chunk in ledger.Acknowledged.SelectMany(b => b.Signals).Chunk(2000))
        {
            var answer = await restarted.IngestAsync(chunk);
            Assert.Equal((0, chunk.Length), (answer.Accepted, answer.Duplicates));
            reposted += answer.Duplicates;
        }

        // The batches in flight at the kill may or may not have landed; posting them again tells which did.
        // Each subject then holds exactly its acknowledged signals plus the in-flight ones that landed.
        var landed = 0;
        foreach (var subject in stream.Subjects)
        {
            var landedHere = 0;
            foreach (var batch in ledger.Unsettled.Where(b => b.Subject == subject))
            {
                var answer = await restarted.IngestAsync(batch.Signals);
                Assert.Equal(batch.Signals.Count, answer.Accepted + answer.Duplicates);
                landedHere += answer.Duplicates;
            }

            Assert.Equal(ledger.AcknowledgedFor(subject) + landedHere, recovered[subject]);
            landed += landedHere;
        }

        var probesAfter = await ReadAllAsync(restarted, probesBefore.Keys);
        foreach (var (path, before) in probesBefore)
        {
            var after = probesAfter[path];
            Assert.Equal(before.SignalCount, after.SignalCount);
            Assert.True(Math.Abs(before.Score - after.Score) <= 1.0, $"{path}: score {before.Score} before the kill, {after.Score} after the restart");
            Assert.Equal(before.Level, after.Level);
        }

        output.WriteLine($"recovered {recovered.Values.Sum()} signals: all {reposted} acknowledged ones are duplicates when posted again; " +
                         $"{landed} of {ledger.UnsettledSignals} in flight had landed");
        output.WriteLine("probe scores before -> after: " + string.Join(", ", probesBefore.Select(p =>
            string.Create(CultureInfo.InvariantCulture, $"{p.Value.Score:F2} -> {probesAfter[p.Key].Score:F2}"))));
    }

    /// <summary>Subjects with settled histories (risky, clean, a troubled elevator and its owner) whose scores must survive.</summary>
    private static async Task<string[]> SettleProbesAsync(EngineApi api, SignalJson signals)
    {
        var risky = TestSubjects.Uscc(TestSubjects.Dongxihu);
        var clean = TestSubjects.Uscc(TestSubjects.Dongxihu);
        var owner = TestSubjects.Uscc(TestSubjects.Jiangan);
        var elevator = TestSubjects.ElevatorCode();
        await api.RegisterAsync(Registrations.EntitiesPath, Registrations.Entities(
            Registrations.Entity(risky, "探针甲"), Registrations.Entity(clean, "探针乙"), Registrations.Entity(owner, "物业公司", industry: null)));
        await api.RegisterAsync(Registrations.EquipmentPath, Registrations.Units(Registrations.Unit(elevator, "探针电梯", owner: owner)));
        var riskyHistory = signals.RiskyHistory(risky).ToArray();
        var cleanHistory = Enumerable.Range(0, 4).Select(i => signals.PassedInspection(clean, hoursAgo: 24 * 90 * (i + 1))).ToArray();
        JsonObject[] elevatorHistory = [signals.FailedEquipmentInspection(elevator), signals.Entrapment(elevator, 2), signals.Entrapment(elevator, 1)];
        await api.IngestAsync([.. riskyHistory, .. cleanHistory, .. elevatorHistory]);
        await api.WaitForEntityAsync(risky, riskyHistory.Length);
        await api.WaitForEntityAsync(clean, cleanHistory.Length);
        await api.WaitForEquipmentAsync(elevator, elevatorHistory.Length);
        return [$"/api/v1/entities/{risky}", $"/api/v1/entities/{clean}", $"/api/v1/equipment/{elevator}", $"/api/v1/entities/{owner}"];
    }

    private static async Task<Dictionary<string, SubjectRisk>> ReadAllAsync(EngineApi api, IEnumerable<string> paths)
    {
        var reads = new Dictionary<string, SubjectRisk>();
        foreach (var path in paths)
        {
            reads[path] = await api.GetSubjectAsync(path);
        }

        return reads;
    }

    /// <summary>A subject's applied signals; one with none (every signal of it was lost in flight) is not known at all.</summary>
    private static async Task<int> CountAsync(EngineApi api, string subject)
    {
        using var response = await api.Http.GetAsync($"/api/v1/entities/{subject}");
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return 0;
        }

        await EngineApi.ExpectStatusAsync(response, System.Net.HttpStatusCode.OK);
        return (await ContractJson.ReadAsync<SubjectRisk>(response)).SignalCount;
    }
}
