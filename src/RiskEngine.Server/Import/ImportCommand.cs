using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using RiskEngine.Server.Hosting;

namespace RiskEngine.Server.Import;

/// <summary>
/// <c>import entities FILE</c> and <c>import equipment FILE</c>: a registry export sent to a running server over its
/// public API. Exit 0 when every line was taken, 1 when some were rejected (listed with their line numbers in the
/// report), 2 on bad usage, 3 when the import stopped before the end (run again with --resume).
/// </summary>
public static class ImportCommand
{
    public const string ApiKeyVariable = "RISKENGINE_API_KEY";
    public const int StoppedExitCode = 3;

    // The server's default Ingest:MaxItemsPerRequest: the fewest requests it allows.
    private const int DefaultBatchSize = 20_000;

    public static Command Create(TextWriter output, TextWriter error)
    {
        var import = new Command("import",
            $"Register a registry export (CSV with a header line) with a running server, through its API; the key is read from {ApiKeyVariable} (scope ingest).");
        foreach (var kind in new RegistryKind[] { new EntityRegistryKind(), new EquipmentRegistryKind() })
        {
            import.Add(ForKind(kind, output, error));
        }

        return import;
    }

    private static Command ForKind(RegistryKind kind, TextWriter output, TextWriter error)
    {
        var file = new Argument<FileInfo>("FILE") { Description = $"CSV with the columns {string.Join(",", kind.Columns)} named in its header (any order; {kind.Columns[0]} required)." };
        var url = HttpAddressOption.Create("--url", "The running server, e.g. http://127.0.0.1:5000.");
        var resume = new Option<bool>("--resume") { Description = "Go on after the last acknowledged line of an earlier run of this file (FILE.import-progress.json)." };
        // Named as the load tool names them: --batch (items per request) and --clients (requests at once).
        var batchSize = new Option<int>("--batch") { Description = "Rows per request; at most the server's Ingest:MaxItemsPerRequest.", DefaultValueFactory = _ => DefaultBatchSize };
        batchSize.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 1 or > 1_000_000) { r.AddError("--batch must be between 1 and 1000000."); } });
        var inFlight = new Option<int>("--clients") { Description = "Requests in flight at once.", DefaultValueFactory = _ => 4 };
        inFlight.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 1 or > 64) { r.AddError("--clients must be between 1 and 64."); } });
        var encoding = new Option<string>("--encoding") { Description = "Text encoding; auto: UTF-8 (with or without BOM), else GB18030.", DefaultValueFactory = _ => CsvEncoding.Auto };
        encoding.AcceptOnlyFromAmong(CsvEncoding.Names);
        var report = new Option<FileInfo>("--report") { Description = "Where the rejected lines go (line,id,reason); default FILE.rejected.csv." };

        var command = new Command(kind.Name, $"Register {kind.Name} from FILE.") { file, url, resume, batchSize, inFlight, encoding, report };
        command.SetAction((parsed, cancellationToken) =>
        {
            var path = parsed.GetValue(file)!.FullName;
            var request = new ImportRequest(
                kind, path, parsed.GetValue(url)!, Environment.GetEnvironmentVariable(ApiKeyVariable) ?? "", parsed.GetValue(resume),
                parsed.GetValue(batchSize), parsed.GetValue(inFlight), parsed.GetValue(encoding)!,
                parsed.GetValue(report)?.FullName ?? RejectionReport.PathFor(path));
            return RunAsync(request, output, error, cancellationToken);
        });
        return command;
    }

    public static async Task<int> RunAsync(ImportRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            var file = RegistryFile.Open(request.Kind, request.InputPath, request.Encoding);
            if (string.IsNullOrWhiteSpace(request.ApiKey))
            {
                throw new ImportUsageException($"set {ApiKeyVariable} to an API key with the 'ingest' scope");
            }

            using var client = CreateClient(request);
            var clock = Stopwatch.StartNew();
            var title = $"import {request.Kind.Name}";
            var view = output == Console.Out ? ImportProgressView.ForConsole() : new ImportProgressView(output, interactive: false);
            var tally = await view.ShowAsync(title, file.Length,
                progress => RegistryImport.RunAsync(request, file, client, progress, cancellationToken));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{title}: {request.InputPath} ({file.EncodingName}) done through line {tally.ThroughLine:N0}: {tally.Taken:N0} taken ({tally.Created:N0} new, {tally.Updated:N0} updated), " +
                $"{tally.Rejected:N0} rejected; {tally.LinesThisRun:N0} lines in {clock.Elapsed.TotalSeconds:F1} s ({ImportProgressView.Rate(tally, clock.Elapsed):N0} lines/s)."));
            if (tally.Rejected == 0)
            {
                return 0;
            }

            output.WriteLine($"Rejected lines, with their line numbers and reasons: {request.ReportPath}");
            return 1;
        }
        catch (ImportUsageException usage)
        {
            error.WriteLine($"import {request.Kind.Name}: {usage.Message}");
            error.WriteLine($"Run 'RiskEngine.Server import {request.Kind.Name} --help' for usage.");
            return ServerCommandLine.UsageExitCode;
        }
        catch (ImportStoppedException stopped)
        {
            var checkpoint = ImportCheckpoint.Read(ImportCheckpoint.PathFor(request.InputPath));
            error.WriteLine($"import {request.Kind.Name} stopped: {stopped.Message}");
            error.WriteLine($"Acknowledged through line {checkpoint?.ThroughLine ?? 0}; run the same command with --resume to go on from there.");
            return StoppedExitCode;
        }
    }

    private static HttpClient CreateClient(ImportRequest request)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = request.RequestsInFlight, AutomaticDecompression = System.Net.DecompressionMethods.None };
        var baseAddress = request.ServerUrl.AbsoluteUri.EndsWith('/') ? request.ServerUrl : new Uri(request.ServerUrl.AbsoluteUri + "/");
        var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(5) };
        client.DefaultRequestHeaders.Add("X-Api-Key", request.ApiKey);
        return client;
    }
}
