using System.Runtime.InteropServices;
using RiskEngine.LoadTests;
using RiskEngine.LoadTests.CommandLine;
using RiskEngine.LoadTests.Comparison;
using RiskEngine.LoadTests.Hosting;
using RiskEngine.LoadTests.Scenarios;

// Exit codes: 0 done (nothing lost), 1 the run failed or found a loss, 2 the command line is wrong, 130 interrupted.
var repository = RepositoryLayout.Find();
using var interrupted = new CancellationTokenSource();

// Ctrl+C or a polite kill: let the run stop itself, so the server children are killed and the scratch folders removed.
void Interrupt(PosixSignalContext signal)
{
    signal.Cancel = true;
    interrupted.Cancel();
}

using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupt);

void Usage(TextWriter output)
{
    output.WriteLine("Usage: dotnet run -c Release --project loadtests/RiskEngine.LoadTests -- <command> [options]");
    output.WriteLine();
    output.WriteLine("Commands:");
    output.WriteLine($"  {IngestCommandLine.Command,-9} closed-loop durable ingest over HTTP beside raw SQLite inserts (or, on PostgreSQL, raw COPY and naive state writes)");
    output.WriteLine($"  {CompareCommandLine.Command,-9} the engine end to end, the HTTP-and-log path alone and overload, beside raw appends and the yardsticks in ../shared/peers");
    foreach (var scenario in ScenarioCatalog.All)
    {
        output.WriteLine($"  {scenario.Name,-9} {scenario.Purpose}");
    }

    output.WriteLine();
    output.WriteLine("Each command takes --help. Quick check: dotnet run -c Release --project loadtests/RiskEngine.LoadTests -- smoke");
}

if (args.Length == 0 || args[0] is "-h" or "--help" or "-?" or "help")
{
    Usage(args.Length == 0 ? Console.Error : Console.Out);
    return args.Length == 0 ? 2 : 0;
}

var command = args[0];
var options = args.Skip(1).ToArray();
var definition = ScenarioCatalog.Find(command);
if (command != IngestCommandLine.Command && command != CompareCommandLine.Command && definition is null)
{
    Console.Error.WriteLine($"error: unknown command '{command}'; known: {IngestCommandLine.Command}, {CompareCommandLine.Command}, {ScenarioCatalog.Names}.");
    Console.Error.WriteLine();
    Usage(Console.Error);
    return 2;
}

string Help() => command switch
{
    IngestCommandLine.Command => IngestCommandLine.Help(repository),
    CompareCommandLine.Command => CompareCommandLine.Help(repository),
    _ => ScenarioCommandLine.Help(definition!, repository),
};

var asksForHelp = command switch
{
    IngestCommandLine.Command => IngestCommandLine.AsksForHelp(options),
    CompareCommandLine.Command => CompareCommandLine.AsksForHelp(options),
    _ => ScenarioCommandLine.AsksForHelp(options),
};
if (asksForHelp)
{
    Console.WriteLine(Help());
    return 0;
}

try
{
    if (command == CompareCommandLine.Command)
    {
        return await CompareRun.RunAsync(CompareCommandLine.Parse(options, repository), repository, interrupted.Token);
    }

    if (definition is null)
    {
        return await IngestBenchmark.RunAsync(IngestCommandLine.Parse(options, repository), repository, interrupted.Token);
    }

    return await ScenarioRun.RunAsync(ScenarioCommandLine.Parse(definition, options, repository), repository, interrupted.Token);
}
catch (UsageException error)
{
    Console.Error.WriteLine($"error: {error.Message}");
    Console.Error.WriteLine();
    Console.Error.WriteLine(Help());
    return 2;
}
catch (OperationCanceledException) when (interrupted.IsCancellationRequested)
{
    Console.Error.WriteLine("Interrupted; the servers were stopped and the scratch folders removed.");
    return 130;
}
catch (Exception error) when (error is InvalidOperationException or ServerStartException or TimeoutException or IOException or Microsoft.Data.Sqlite.SqliteException or Npgsql.NpgsqlException)
{
    Console.Error.WriteLine($"FAIL: {error.Message}");
    return 1;
}
