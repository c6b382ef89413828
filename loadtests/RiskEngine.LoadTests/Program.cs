using System.Runtime.InteropServices;
using RiskEngine.LoadTests;
using RiskEngine.LoadTests.CommandLine;
using RiskEngine.LoadTests.Hosting;

// Exit codes: 0 done (nothing lost), 1 the benchmark failed or found a loss, 2 the command line is wrong, 130 interrupted.
var repository = RepositoryLayout.Find();
using var interrupted = new CancellationTokenSource();

// Ctrl+C or a polite kill: let the run stop itself, so the server child is killed and the scratch folders removed.
void Interrupt(PosixSignalContext signal)
{
    signal.Cancel = true;
    interrupted.Cancel();
}

using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupt);

if (args.Length == 0 || args[0] is "-h" or "--help" or "-?" or "help")
{
    Console.WriteLine("Usage: RiskEngine.LoadTests <command> [options]");
    Console.WriteLine();
    Console.WriteLine("Commands:");
    Console.WriteLine($"  {IngestCommandLine.Command,-8} durable ingest over HTTP beside raw SQLite inserts (or, on PostgreSQL, raw COPY and naive state writes), in one run (see ingest --help)");
    return args.Length == 0 ? 2 : 0;
}

if (args[0] != IngestCommandLine.Command)
{
    Console.Error.WriteLine($"Unknown command '{args[0]}'; known: {IngestCommandLine.Command}. See --help.");
    return 2;
}

var options = args.Skip(1).ToArray();
if (IngestCommandLine.AsksForHelp(options))
{
    Console.WriteLine(IngestCommandLine.Help(repository));
    return 0;
}

try
{
    var settings = IngestCommandLine.Parse(options, repository);
    return await IngestBenchmark.RunAsync(settings, repository, interrupted.Token);
}
catch (UsageException error)
{
    Console.Error.WriteLine($"error: {error.Message}");
    return 2;
}
catch (OperationCanceledException) when (interrupted.IsCancellationRequested)
{
    Console.Error.WriteLine("Interrupted; the server was stopped and the scratch folders removed.");
    return 130;
}
catch (Exception error) when (error is InvalidOperationException or ServerStartException or TimeoutException or IOException or Microsoft.Data.Sqlite.SqliteException or Npgsql.NpgsqlException)
{
    Console.Error.WriteLine($"FAIL: {error.Message}");
    return 1;
}
