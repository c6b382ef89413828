using System.Text.Json;
using RiskEngine.LoadTests.Api;
using RiskEngine.LoadTests.CommandLine;
using RiskEngine.LoadTests.Reporting;

namespace RiskEngine.LoadTests.Tests;

/// <summary>
/// A PostgreSQL ingest run over 1, 2 and 3 servers, with fabricated figures: what each count cost PostgreSQL and the
/// servers per durable signal, the ratios to one server and to raw COPY, the targets judged, and all of it in the
/// console summary, the Markdown and the JSON.
/// </summary>
public sealed class ScalingReportTests
{
    // Raw COPY: 1,000,000 rows in 10 s with PostgreSQL at 1 core: 10 µs per row.
    private static readonly BaselineFigures RawCopy = new(
        1_000_000, 2_000, 10, 100_000, Latency(40), "binary COPY", Cpu(server: null, database: 1.0), 2.0);

    private static readonly NaiveFigures Naive = new(20_000, 8, 5_000, 1024, 10, 2_000, Latency(4), "PostgreSQL", Cpu(server: null, database: 0.8), 150);

    [Fact]
    public void Each_count_gets_its_cost_per_signal_and_its_ratios_to_one_server_and_to_raw_copy()
    {
        var scaling = ScalingFigures.Of(Counts(), RawCopy, Naive);

        Assert.Equal(10, scaling.RawCopyPostgresMicrosecondsPerRow);
        Assert.Equal([1, 2, 3], scaling.ServerCounts.Select(c => c.Servers));
        // PostgreSQL: 0.4 cores x 10 s / 80,000, 0.6 x 10 / 120,000, 0.77 x 10 / 110,000.
        Assert.Equal([50.0, 50.0, 70.0], scaling.ServerCounts.Select(c => c.PostgresMicrosecondsPerSignal!.Value));
        Assert.Equal([5.0, 5.0, 7.0], scaling.ServerCounts.Select(c => c.PostgresPerSignalToRawCopyPerRow!.Value));
        Assert.Equal([1.0, 1.5, 1.375], scaling.ServerCounts.Select(c => c.DurableToOneServer!.Value));
        Assert.Equal([0.08, 0.12, 0.11], scaling.ServerCounts.Select(c => c.DurableToRawCopy));
        Assert.Equal([4.0, 6.0, 5.5], scaling.ServerCounts.Select(c => c.DurableToNaive!.Value));
        Assert.Equal([150.0, 100.0, 120.0], scaling.ServerCounts.Select(c => c.ServerMicrosecondsPerSignal!.Value));
        Assert.Equal(11_000.0 / 7_900, scaling.ServerCounts[1].AppliedToOneServer!.Value, 4);
    }

    [Fact]
    public void The_targets_are_judged_per_count_and_for_two_servers()
    {
        var targets = ScalingFigures.Of(Counts(), RawCopy, Naive).Targets.ToDictionary(t => t.What);

        Assert.True(targets["PostgreSQL CPU per durable signal, 1 server"].Met);
        Assert.True(targets["PostgreSQL CPU per durable signal, 2 servers"].Met);
        Assert.False(targets["PostgreSQL CPU per durable signal, 3 servers"].Met);
        Assert.Equal((12_000.0, true), (targets["2 servers: durable signals/s"].Value!.Value, targets["2 servers: durable signals/s"].Met!.Value));
        Assert.Equal((11_000.0, true), (targets["2 servers: applied signals/s"].Value!.Value, targets["2 servers: applied signals/s"].Met!.Value));
        Assert.Equal((1.5, true), (targets["2 servers ahead of 1 server"].Value!.Value, targets["2 servers ahead of 1 server"].Met!.Value));
    }

    [Fact]
    public void Two_servers_below_ten_thousand_or_behind_one_server_miss_their_targets()
    {
        var counts = Counts();
        counts[1] = Side(2, accepted: 75_000, databaseCores: 0.3, serverCores: 1.0, appliedPerSecond: 9_500);
        var targets = ScalingFigures.Of(counts, RawCopy, Naive).Targets.ToDictionary(t => t.What);

        Assert.False(targets["2 servers: durable signals/s"].Met);
        Assert.False(targets["2 servers: applied signals/s"].Met);
        Assert.False(targets["2 servers ahead of 1 server"].Met);
        Assert.Equal(0.9375, targets["2 servers ahead of 1 server"].Value);
    }

    [Fact]
    public void Without_one_or_two_servers_in_the_list_their_targets_are_not_measured()
    {
        var targets = ScalingFigures.Of([Counts()[2]], RawCopy, Naive).Targets.ToDictionary(t => t.What);

        var twoServers = targets["2 servers: durable signals/s"];
        Assert.Equal((null, null), (twoServers.Value, twoServers.Met));
        Assert.Contains("2 is not among --servers", twoServers.Detail, StringComparison.Ordinal);
        Assert.Null(ScalingFigures.Of([Counts()[1]], RawCopy, Naive).ServerCounts[0].DurableToOneServer);
        Assert.Contains("1 is not among --servers", ScalingFigures.Of([Counts()[1]], RawCopy, Naive).Targets.Single(t => t.What == "2 servers ahead of 1 server").Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void The_console_summary_shows_the_scaling_table_and_the_targets_with_their_verdicts()
    {
        var summary = ConsoleSummary.Render(Report(), "/tmp/report.json", "/tmp/report.md");
        var lines = summary.Split(Environment.NewLine);

        Assert.Contains("storage PostgreSQL, 1, 2 and 3 servers in turn", summary, StringComparison.Ordinal);
        var table = lines.SkipWhile(l => !l.StartsWith("scaling on one PostgreSQL", StringComparison.Ordinal)).Skip(1).Take(5).ToArray();
        Assert.Matches(@"^\s+servers\s+durable/s\s+x 1 server\s+applied/s\s+lag at end\s+server µs/signal\s+PostgreSQL µs/signal\s+x raw COPY µs/row", table[0]);
        Assert.Equal(["1", "8,000", "1.00x", "7,900", "100", "150.0", "50.0", "5.0x"], Cells(table[1]).Take(8));
        Assert.Equal(["2", "12,000", "1.50x", "11,000", "200", "100.0", "50.0", "5.0x"], Cells(table[2]).Take(8));
        Assert.Equal(["3", "11,000", "1.38x", "10,500", "300", "120.0", "70.0", "7.0x"], Cells(table[3]).Take(8));
        Assert.Equal(["raw", "COPY", "100,000", "rows"], Cells(table[4]).Take(4));
        Assert.Contains("10.0 per row", table[4], StringComparison.Ordinal);

        Assert.Matches(@"PostgreSQL CPU per durable signal, 2 servers\s+50\.0 µs\s+<= 60\s+met ", summary);
        Assert.Matches(@"PostgreSQL CPU per durable signal, 3 servers\s+70\.0 µs\s+<= 60\s+NOT met ", summary);
        Assert.Matches(@"2 servers: durable signals/s\s+12,000/s\s+>= 10,000\s+met ", summary);
        Assert.Matches(@"2 servers ahead of 1 server\s+1\.500x\s+> 1 \(durable and applied\)\s+met ", summary);
        Assert.Matches(@"3 servers / 1 server\s+1\.38x", summary);
        Assert.Matches(@"PostgreSQL per signal / raw COPY per row, 3 servers\s+7\.0x", summary);
        Assert.Matches(@"lost, all counts\s+0 of 340,000 acknowledged", summary);
    }

    [Fact]
    public void The_markdown_has_the_scaling_table_the_targets_and_every_count_s_figures()
    {
        var markdown = MarkdownReport.Render(Report());

        Assert.Contains("| 2 | 12,000 | 1.50x | 11,000 | 200 | 100.0 | 50.0 | 5.0x | 1.20, 0.20, 0.60, 0.10 | 60.0 | 0 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| raw COPY | 100,000 rows | - | - | - | - | 10.0 per row | 1.0x |", markdown, StringComparison.Ordinal);
        Assert.Contains("| PostgreSQL CPU per durable signal, 3 servers | 70.0 µs | <= 60 | NOT met |", markdown, StringComparison.Ordinal);
        Assert.Contains("| 2 servers: applied signals/s | 11,000/s | >= 10,000 | met |", markdown, StringComparison.Ordinal);
        Assert.Contains("| applied (3 servers) | 10,500 signals/s |", markdown, StringComparison.Ordinal);
        Assert.Contains("per durable signal: servers 120.0 µs, PostgreSQL 70.0 µs", markdown, StringComparison.Ordinal);
        Assert.Contains("1, 2 and 3 processes in turn", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void The_json_keeps_the_single_count_fields_and_adds_each_count()
    {
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(Report(), LoadTestJson.Default.IngestReport));
        var root = json.RootElement;

        Assert.Equal(1, root.GetProperty("settings").GetProperty("servers").GetInt32());
        Assert.Equal(8_000, root.GetProperty("engine").GetProperty("signalsPerSecond").GetDouble());
        Assert.Equal(0.08, root.GetProperty("ratio").GetDouble());
        Assert.Equal(340_000, root.GetProperty("loss").GetProperty("acknowledged").GetInt64());
        var counts = root.GetProperty("scaling").GetProperty("serverCounts").EnumerateArray().ToArray();
        Assert.Equal([1, 2, 3], counts.Select(c => c.GetProperty("servers").GetInt32()));
        Assert.Equal(70, counts[2].GetProperty("postgresMicrosecondsPerSignal").GetDouble());
        Assert.Equal(11_000, counts[1].GetProperty("apply").GetProperty("appliedPerSecond").GetDouble());
        Assert.Equal(10, root.GetProperty("scaling").GetProperty("rawCopyPostgresMicrosecondsPerRow").GetDouble());
    }

    private static IngestReport Report()
    {
        var counts = Counts();
        var scaling = ScalingFigures.Of(counts, RawCopy, Naive);
        var settings = new IngestSettings(10, 3, 500, 8, 20_000, 50_000, "/srv/RiskEngine.Server.dll", "/tmp/results",
            new Dictionary<string, string>(), StorageMode.Postgres, [1, 2, 3], "Host=secret");
        return new IngestReport(
            "ingest", "20261204-120000-abcd", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddMinutes(5),
            new MachineInfo(2, "test CPU", 8, "Linux", "X64", ".NET 10"), settings, new Dictionary<string, string>(),
            counts[0].Registration, counts[0].Engine, RawCopy, 0.08, LossFigures.Total(counts.Select(c => c.Loss).ToArray()),
            new ServerLogSummary(0, 0, [], "/tmp/results/server.log"), [], Naive, 4, scaling);
    }

    /// <summary>1 server 8,000/s, 2 servers 12,000/s, 3 servers 11,000/s, each over 10 s.</summary>
    private static EngineSideFigures[] Counts() =>
    [
        Side(1, accepted: 80_000, databaseCores: 0.4, serverCores: 1.2, appliedPerSecond: 7_900),
        Side(2, accepted: 120_000, databaseCores: 0.6, serverCores: 1.2, appliedPerSecond: 11_000),
        Side(3, accepted: 110_000, databaseCores: 0.77, serverCores: 1.32, appliedPerSecond: 10_500),
    ];

    private static EngineSideFigures Side(int servers, long accepted, double databaseCores, double serverCores, double appliedPerSecond)
    {
        var cpu = Cpu(serverCores, databaseCores);
        var engine = new EngineFigures(
            accepted, 10_000, 0, accepted / 500, 0, 0, 10, accepted / 10.0, Latency(30 * servers), cpu,
            cpu.MillisecondsPer1000(cpu.ServerCores, accepted), cpu.MillisecondsPer1000(cpu.LoadGeneratorCores, accepted));
        var apply = new ApplyFigures((long)(appliedPerSecond * 10), 10, appliedPerSecond, appliedPerSecond / (accepted / 10.0), 50, 100 * servers, 900, null);
        return new EngineSideFigures(
            servers, new RegistrationFigures(20_000, 20, 1000, 2, 10_000), engine, apply, null,
            new LossFigures(accepted + 10_000, 50_000, 50_000, 0, accepted + 10_000, 0, 0), []);
    }

    private static CpuUsage Cpu(double? server, double database) => new(10, 1.9, server, 0.2, 0.1, 0, 3.5, database);

    private static LatencySummary Latency(double p99) => new(100, p99 / 3, p99 / 3, p99 / 2, p99, p99, p99);

    private static string[] Cells(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
