using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RiskEngine.Server.Tests.Client;
using RiskEngine.Server.Tests.Hosting;
using Xunit.Abstractions;

namespace RiskEngine.Server.Tests.Cluster;

/// <summary>
/// Cluster mode, the issue's own check: three real server processes on one PostgreSQL, signals streamed to all of
/// them, one SIGKILLed mid-stream. Every signal that got a 202 is applied exactly once, the dead server's subjects
/// answer again from the survivors within 10 s, and district counts agree with the sum of their subjects.
/// </summary>
[Collection(ServerProcessCollection.Name)]
public sealed class ClusterFailoverTests(ITestOutputHelper output)
{
    private const int Subjects = 240;
    private const int BatchSize = 20;
    private const int KilledStream = 2;
    private static readonly string[] Districts = ["420102", "420106", "420112"];
    private static readonly TimeSpan StreamBeforeKill = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan StreamAfterKill = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task A_killed_server_loses_nothing_acknowledged_and_its_subjects_answer_again_from_the_survivors()
    {
        await using var database = await ClusterDatabase.CreateAsync();
        using var dataA = new TemporaryDirectory();
        using var dataB = new TemporaryDirectory();
        using var dataC = new TemporaryDirectory();
        var settings = ClusterServerSettings.For(database.ConnectionString, new KeyValuePair<string, string?>("Logging:LogLevel:Orleans.Runtime.MembershipService", "Information"));
        var started = await Task.WhenAll(
            EngineProcess.StartAsync(dataA.Path, settings),
            EngineProcess.StartAsync(dataB.Path, settings),
            EngineProcess.StartAsync(dataC.Path, settings));
        using var a = started[0];
        using var b = started[1];
        using var c = started[2];
        output.WriteLine($"3 servers ready in {started.Max(s => s.StartupTime).TotalSeconds:F1} s: {a.BaseAddress} {b.BaseAddress} {c.BaseAddress}");

        var subjects = Enumerable.Range(0, Subjects).Select(i => TestSubjects.Uscc(Districts[i % Districts.Length])).ToArray();
        using var clientA = a.CreateClient();
        using var clientB = b.CreateClient();
        using var clientC = c.CreateClient();
        var registered = await clientA.PostAsJsonAsync("/api/v1/entities",
            subjects.Select((s, i) => new { uscc = s, name = $"集群测试{i}", industry = "catering" }).ToArray());
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);

        // Stream to all three; SIGKILL C mid-stream; keep streaming to the survivors.
        var ledger = new Ledger();
        using var stop = new CancellationTokenSource();
        var streams = new[] { clientA, clientB, clientC }
            .Select((client, n) => StreamAsync(client, n, subjects, ledger, stop.Token))
            .ToArray();
        await Task.Delay(StreamBeforeKill);
        c.Kill();
        var killedAt = Stopwatch.StartNew();

        // While the survivors keep ingesting, every subject (some of them lived on C) must answer again.
        using var diagnostics = new DiagnosticsOnFailure(output, a, b);
        using var prober = a.CreateClient();
        prober.Timeout = TimeSpan.FromSeconds(3);
        var failover = await Eventually.ReadAsync(
            async () =>
            {
                var reads = await Task.WhenAll(subjects.Select(s => AnswersAsync(prober, $"/api/v1/entities/{s}")));
                return (AllAnswer: reads.All(ok => ok), After: killedAt.Elapsed);
            },
            read =>
            {
                output.WriteLine($"{read.After.TotalSeconds:F1} s after the kill: all answer = {read.AllAnswer}; last failure: {_lastFailure}");
                return read.AllAnswer;
            },
            "every subject answers from the survivors",
            TimeSpan.FromSeconds(30));
        var remaining = StreamAfterKill - killedAt.Elapsed;
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining);
        }

        await stop.CancelAsync();
        await Task.WhenAll(streams);

        // Batches whose answer was lost with C may or may not have committed: send them again to a survivor.
        // Each signal then is in the log for sure, and counts once whichever way it went.
        foreach (var batch in ledger.Uncertain)
        {
            var retry = await clientA.PostAsync("/api/v1/signals", JsonContent.Create(batch.Json));
            Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
            ledger.Acknowledge(batch);
        }

        // Exactly once: each subject's signal count equals the signals the ledger holds for it.
        var expected = ledger.CountsBySubject();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        var actual = await ReadAllAsync(clientB, subjects);
        while (!subjects.All(s => actual[s].Count == expected.GetValueOrDefault(s)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            actual = await ReadAllAsync(clientB, subjects);
        }

        var mismatches = subjects.Where(s => actual[s].Count != expected.GetValueOrDefault(s))
            .Select(s => $"{s}: ledger {expected.GetValueOrDefault(s)}, engine {actual[s].Count}")
            .ToList();
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} subjects do not match the ledger after 60 s: {string.Join("; ", mismatches.Take(10))}");

        // Re-posting everything acknowledged: all duplicates, nothing new.
        var duplicates = 0;
        foreach (var batch in ledger.Acknowledged)
        {
            var again = await clientB.PostAsync("/api/v1/signals", JsonContent.Create(batch.Json));
            var body = JsonNode.Parse(await again.Content.ReadAsStringAsync())!;
            Assert.Equal(0, body["accepted"]!.GetValue<int>());
            duplicates += body["duplicates"]!.GetValue<int>();
        }

        Assert.Equal(ledger.AcknowledgedSignals, duplicates);

        // District counts agree with their subjects' levels.
        await Eventually.ReadAsync(
            async () => await DistrictsAgreeAsync(clientA, await ReadAllAsync(clientA, subjects)),
            agree => agree,
            "district counts agree with their subjects' levels",
            TimeSpan.FromSeconds(30));

        output.WriteLine($"acknowledged {ledger.AcknowledgedSignals} signals in {ledger.Acknowledged.Count} batches " +
                         $"({ledger.UncertainCount} batches in flight at the kill, re-sent); " +
                         $"applied exactly once for all {Subjects} subjects; re-post: {duplicates} duplicates");
        output.WriteLine($"all {Subjects} subjects answered from the survivors {failover.After.TotalSeconds:F1} s after the kill");
        // Locally 1.2-2.9 s; the figure includes the last round of 240 reads. On a loaded CI box one run took 3.1 s, so
        // the bound here leaves room for the box, and the measured figure is printed above for the report.
        Assert.True(failover.After < TimeSpan.FromSeconds(5), $"subjects answered only {failover.After.TotalSeconds:F1} s after the kill");
        var unclear = _survivorFailures.Where(f => f != "503 Retry-After" && f != "429 Retry-After").ToList();
        output.WriteLine($"survivors' refusals during the failover: {_survivorFailures.Count}");
        Assert.True(unclear.Count == 0, $"the survivors answered without a clear retry: {string.Join(", ", unclear.GroupBy(f => f).Select(g => $"{g.Key} x{g.Count()}"))}");
        diagnostics.Passed();
    }

    private async Task StreamAsync(HttpClient client, int stream, string[] subjects, Ledger ledger, CancellationToken stop)
    {
        var random = new Random(stream);
        var sequence = 0;
        while (!stop.IsCancellationRequested)
        {
            var signals = new JsonArray();
            var bySubject = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < BatchSize; i++)
            {
                var subject = subjects[random.Next(subjects.Length)];
                bySubject[subject] = bySubject.GetValueOrDefault(subject) + 1;
                signals.Add(new JsonObject
                {
                    ["source"] = "cluster-test",
                    ["sourceId"] = $"s{stream}-{++sequence}",
                    ["kind"] = random.NextDouble() < 0.5 ? "complaint" : "sampling",
                    ["subjectId"] = subject,
                    ["occurredAt"] = DateTimeOffset.UtcNow.AddMinutes(-random.Next(0, 600)).ToString("O"),
                    ["data"] = new JsonObject { ["result"] = random.NextDouble() < 0.2 ? "fail" : "pass" },
                });
            }

            var batch = new Batch(signals, bySubject);
            try
            {
                using var response = await client.PostAsync("/api/v1/signals", JsonContent.Create(signals), CancellationToken.None);
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    ledger.Acknowledge(batch);
                }
                else
                {
                    ledger.Uncertain.Add(batch);
                    if (stream != KilledStream)
                    {
                        RecordSurvivorFailure(response);
                    }
                }
            }
            catch (HttpRequestException)
            {
                ledger.Uncertain.Add(batch);
                return;
            }
        }
    }

    /// <summary>Whether the read succeeds; a call still waiting on the dead server, or refused, is "not yet".</summary>
    private async Task<bool> AnswersAsync(HttpClient client, string path)
    {
        try
        {
            using var response = await client.GetAsync(path);
            if (!response.IsSuccessStatusCode)
            {
                _lastFailure = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                RecordSurvivorFailure(response);
            }

            return response.IsSuccessStatusCode;
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
        {
            _lastFailure = error.GetType().Name + ": " + error.Message;
            return false;
        }
    }

    private string? _lastFailure;

    // What the survivors answered while a server was gone, other than success: each must be an explicit "not now".
    private readonly System.Collections.Concurrent.ConcurrentBag<string> _survivorFailures = [];

    private void RecordSurvivorFailure(HttpResponseMessage response)
    {
        var retryAfter = response.Headers.RetryAfter is null ? "no Retry-After" : "Retry-After";
        _survivorFailures.Add($"{(int)response.StatusCode} {retryAfter}");
    }

    private static async Task<Dictionary<string, (int Count, string Level, string District)>> ReadAllAsync(HttpClient client, string[] subjects)
    {
        var reads = await Task.WhenAll(subjects.Select(async s =>
        {
            var body = JsonNode.Parse(await client.GetStringAsync($"/api/v1/entities/{s}"))!;
            return (Id: s, Count: body["signalCount"]!.GetValue<int>(), Level: body["level"]!.GetValue<string>(), District: body["district"]!.GetValue<string>());
        }));
        return reads.ToDictionary(r => r.Id, r => (r.Count, r.Level, r.District));
    }

    private static async Task<bool> DistrictsAgreeAsync(HttpClient client, Dictionary<string, (int Count, string Level, string District)> subjects)
    {
        var districts = JsonNode.Parse(await client.GetStringAsync("/api/v1/districts"))!.AsArray();
        foreach (var code in Districts)
        {
            var counts = districts.Single(d => d!["code"]!.GetValue<string>() == code)!["counts"]!;
            foreach (var level in new[] { "blue", "yellow", "orange", "red" })
            {
                var expected = subjects.Values.Count(s => s.District == code && s.Level == level);
                if (counts[level]!.GetValue<long>() != expected)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Prints the survivors' last log lines unless the test reached its end.</summary>
    private sealed class DiagnosticsOnFailure(ITestOutputHelper output, params EngineProcess[] servers) : IDisposable
    {
        private bool _passed;

        public void Passed() => _passed = true;

        public void Dispose()
        {
            if (!_passed)
            {
                foreach (var server in servers)
                {
                    output.WriteLine($"--- {server.BaseAddress} ---\n{server.OutputTail(80)}");
                }
            }
        }
    }

    private sealed record Batch(JsonArray Json, Dictionary<string, int> BySubject);

    /// <summary>What the generator knows: the batches that got a 202, and those whose answer was lost.</summary>
    private sealed class Ledger
    {
        public ConcurrentBag<Batch> Acknowledged { get; } = [];

        public ConcurrentBag<Batch> Uncertain { get; } = [];

        public int UncertainCount => Uncertain.Count;

        public int AcknowledgedSignals => Acknowledged.Sum(b => b.Json.Count);

        public void Acknowledge(Batch batch) => Acknowledged.Add(batch);

        public Dictionary<string, int> CountsBySubject()
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (subject, n) in Acknowledged.SelectMany(b => b.BySubject))
            {
                counts[subject] = counts.GetValueOrDefault(subject) + n;
            }

            return counts;
        }
    }
}
