using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using RiskEngine.Server.Hosting;
using RiskEngine.Server.Import;
using RiskEngine.Server.Tests.Client;
using RiskEngine.Server.Tests.Hosting;

namespace RiskEngine.Server.Tests.Import;

/// <summary>
/// <c>import entities</c> against a real server: bad lines reported by number and the rest taken, a second run that
/// changes nothing, and <c>--resume</c> after the importer process is killed.
/// </summary>
public sealed partial class RegistryImportTests : IClassFixture<EngineServerFixture>, IDisposable
{
    private readonly EngineServer _server;
    private readonly TemporaryDirectory _folder = new();

    public RegistryImportTests(EngineServerFixture fixture) => _server = fixture.Server;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Bad_lines_are_reported_by_number_and_the_rest_are_taken()
    {
        var csv = RegistryCsv.WriteEntities(Path.Combine(_folder.Path, "entities.csv"), rows: 3_000, everyNthBad: 100, new UTF8Encoding(true));
        var output = new StringWriter();

        var exitCode = await ImportAsync(csv.Path, output, batchSize: 700);

        Assert.True(exitCode == 1, output.ToString());
        Assert.Equal(csv.BadLines, ReportedLines(csv.Path).Keys.Order());
        var reasons = ReportedLines(csv.Path).Values.ToList();
        Assert.Contains(reasons, r => r.StartsWith("uscc: check character", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.StartsWith("expected 5 fields", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.StartsWith("district:", StringComparison.Ordinal));
        using var api = new EngineApi(_server.CreateClient());
        foreach (var uscc in csv.GoodIds.Where((_, i) => i % 500 == 0))
        {
            var read = await api.GetEntityAsync(uscc);
            Assert.Equal(uscc, read.Id);
            Assert.Contains(read.District, new[] { TestSubjects.Dongxihu, TestSubjects.Wuchang });
        }

        var refusedByServer = File.ReadLines(csv.Path).ElementAt((int)csv.BadLines[2] - 1).Split(',')[0];
        using var missing = await api.Http.GetAsync($"/api/v1/entities/{refusedByServer}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_second_run_changes_nothing()
    {
        var csv = RegistryCsv.WriteEntities(Path.Combine(_folder.Path, "entities.csv"), rows: 2_000, everyNthBad: 250, new UTF8Encoding(false));
        Assert.Equal(1, await ImportAsync(csv.Path, new StringWriter(), batchSize: 600));
        var firstReport = File.ReadAllText(RejectionReport.PathFor(csv.Path));
        var first = ImportCheckpoint.Read(ImportCheckpoint.PathFor(csv.Path))!;
        using var api = new EngineApi(_server.CreateClient());
        var before = await api.GetEntityAsync(csv.GoodIds[7]);
        var entityGrainsBefore = await EntityGrainsAsync(api);

        Assert.Equal(1, await ImportAsync(csv.Path, new StringWriter(), batchSize: 600));

        var second = ImportCheckpoint.Read(ImportCheckpoint.PathFor(csv.Path))!;
        Assert.Equal((csv.GoodIds.Count, 0L), (first.Created, first.Updated));
        Assert.Equal((0L, (long)csv.GoodIds.Count, first.Rejected), (second.Created, second.Updated, second.Rejected));
        // Nothing changed, so no subject's grain was woken to hear of it.
        Assert.True(await EntityGrainsAsync(api) <= entityGrainsBefore, "the second run brought entity grains into memory");
        Assert.Equal(firstReport, File.ReadAllText(RejectionReport.PathFor(csv.Path)));
        var after = await api.GetEntityAsync(csv.GoodIds[7]);
        Assert.Equal((before.Name, before.District, before.Score, before.Level), (after.Name, after.District, after.Score, after.Level));
    }

    [Fact]
    public async Task A_gb18030_file_is_read_as_such()
    {
        var gb18030 = CodePagesEncoding();
        var csv = RegistryCsv.WriteEntities(Path.Combine(_folder.Path, "entities-gb.csv"), rows: 50, everyNthBad: 1_000, gb18030);

        Assert.Equal(0, await ImportAsync(csv.Path, new StringWriter(), batchSize: 20));

        using var api = new EngineApi(_server.CreateClient());
        Assert.Equal("武汉某某商贸有限公司3", (await api.GetEntityAsync(csv.GoodIds[3])).Name);
    }

    [Fact]
    public async Task Resume_after_a_kill_goes_on_after_the_last_acknowledged_line()
    {
        // A server that takes few requests per second keeps the importer busy long enough to be killed mid-file.
        await using var slow = await EngineServer.StartAsync(
        [
            new("Ingest:RequestsPerSecond", "8"),
            new("Ingest:RequestBurst", "8"),
            .. TestApiKeys.IsolatedKeys(1),
        ]);
        var csv = RegistryCsv.WriteEntities(Path.Combine(_folder.Path, "entities.csv"), rows: 6_000, everyNthBad: 150, new UTF8Encoding(true));
        var checkpointPath = ImportCheckpoint.PathFor(csv.Path);
        using (var importer = StartImporterProcess(slow.BaseAddress, csv.Path, "--batch", "100", "--clients", "1"))
        {
            await Eventually.ReadAsync(
                () => Task.FromResult(File.Exists(checkpointPath) ? ImportCheckpoint.Read(checkpointPath) : null),
                checkpoint => checkpoint is { ThroughLine: > 1_000 },
                "the importer has acknowledged some of the file");
            importer.Kill(entireProcessTree: true);
            await importer.WaitForExitAsync();
        }

        var killedAt = ImportCheckpoint.Read(checkpointPath)!;
        Assert.True(killedAt.ThroughLine < 6_001, $"the importer finished before it was killed (through line {killedAt.ThroughLine})");
        var output = new StringWriter();

        var exitCode = await ImportAsync(csv.Path, output, batchSize: 2_000, resume: true, server: slow);

        Assert.True(exitCode == 1, output.ToString());
        var resumedLines = long.Parse(LinesThisRun().Match(output.ToString()).Groups["lines"].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(6_001 - killedAt.ThroughLine, resumedLines);
        var done = ImportCheckpoint.Read(checkpointPath)!;
        // Lines the server had taken after the last checkpoint was written are sent again, and count as updated.
        Assert.Equal(6_001L, done.ThroughLine);
        Assert.InRange(done.Created, csv.GoodIds.Count - 200, csv.GoodIds.Count);
        Assert.True(done.Created + done.Updated >= csv.GoodIds.Count, $"{done.Created} created and {done.Updated} updated of {csv.GoodIds.Count}");
        Assert.Equal(csv.BadLines, ReportedLines(csv.Path).Keys.Order());
        // A key of its own for the reads, whose bucket the importer has not emptied; fewer reads than its burst.
        using var api = new EngineApi(slow.CreateClient(TestApiKeys.Isolated(0)));
        foreach (var uscc in csv.GoodIds.Where((_, i) => i % 1_500 == 0).Append(csv.GoodIds[^1]))
        {
            Assert.Equal(uscc, (await api.GetEntityAsync(uscc)).Id);
        }
    }

    [Fact]
    public async Task Equipment_columns_are_found_by_name_and_a_class_the_code_contradicts_is_refused()
    {
        var path = Path.Combine(_folder.Path, "units.csv");
        var (good, wrongClass, badDate) = (TestSubjects.ElevatorCode(), TestSubjects.ElevatorCode(), TestSubjects.ElevatorCode());
        var owner = TestSubjects.Uscc();
        File.WriteAllText(path,
            "Name,OWNER,code,lastMaintenance,class,nextInspectionDue,district\n" +
            $"1号客梯,{owner},{good},2026-11-15T09:00:00+08:00,3,2027-03-01,\n" +
            $"2号客梯,{owner},{wrongClass},,2,2027-03-01,\n" +
            $"3号客梯,{owner},{badDate},,Elevator,2027-13-01,420112\n",
            new UTF8Encoding(false));
        var output = new StringWriter();

        var exitCode = await ImportCommand.RunAsync(
            new ImportRequest(new EquipmentRegistryKind(), path, _server.BaseAddress, TestApiKeys.Full, false, 100, 1, CsvEncoding.Auto, RejectionReport.PathFor(path)),
            output, output, CancellationToken.None);

        Assert.True(exitCode == 1, output.ToString());
        var reported = ReportedLines(path);
        Assert.Equal([3L, 4L], reported.Keys.Order());
        Assert.StartsWith("class: '2'", reported[3], StringComparison.Ordinal);
        Assert.StartsWith("nextInspectionDue:", reported[4], StringComparison.Ordinal);
        using var api = new EngineApi(_server.CreateClient());
        var unit = await api.GetEquipmentAsync(good);
        Assert.Equal(("1号客梯", TestSubjects.Dongxihu), (unit.Name, unit.District));
    }

    [Fact]
    public async Task A_file_without_the_identifier_column_is_bad_usage()
    {
        var path = Path.Combine(_folder.Path, "no-uscc.csv");
        File.WriteAllText(path, "name,district\r\n某店,420112\r\n");
        var errors = new StringWriter();

        var exitCode = await ServerCommandLine.InvokeAsync(["import", "entities", path, "--url", _server.BaseAddress.ToString()], TextReader.Null, TextWriter.Null, errors);

        Assert.Equal(2, exitCode);
        Assert.Contains("no 'uscc' column", errors.ToString(), StringComparison.Ordinal);
    }

    private Task<int> ImportAsync(string path, TextWriter output, int batchSize, bool resume = false, EngineServer? server = null) =>
        ImportCommand.RunAsync(
            new ImportRequest(new EntityRegistryKind(), path, (server ?? _server).BaseAddress, TestApiKeys.Full, resume, batchSize, 3, CsvEncoding.Auto, RejectionReport.PathFor(path)),
            output, output, CancellationToken.None);

    private static async Task<long> EntityGrainsAsync(EngineApi api)
    {
        var stats = await api.GetAsync<System.Text.Json.JsonElement>("/api/v1/system/stats");
        return stats.GetProperty("activations").GetProperty("byType").TryGetProperty("EntityGrain", out var count) ? count.GetInt64() : 0;
    }

    // Line number -> reason, from the report beside the input.
    private static Dictionary<long, string> ReportedLines(string input) =>
        File.ReadAllLines(RejectionReport.PathFor(input)).Skip(1)
            .Select(line => ReportLine().Match(line))
            .GroupBy(m => long.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => g.First().Groups["reason"].Value.Trim('"'));

    private static Process StartImporterProcess(Uri server, string path, params string[] options)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { RepositoryPaths.ServerAssembly, "import", "entities", path, "--url", server.ToString() }.Concat(options))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment[ImportCommand.ApiKeyVariable] = TestApiKeys.Full;
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static Encoding CodePagesEncoding()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    }

    [GeneratedRegex(@"^(?<line>\d+),(?<id>[^,]*),(?<reason>.*)$")]
    private static partial Regex ReportLine();

    [GeneratedRegex(@"(?<lines>[\d,]+) lines in")]
    private static partial Regex LinesThisRun();
}
