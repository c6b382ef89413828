using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
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

string Help(string command) => command switch
{
    IngestCommandLine.Command => IngestCommandLine.Help(repository),
    CompareCommandLine.Command => CompareCommandLine.Help(repository),
    _ => ScenarioCommandLine.Help(ScenarioCatalog.Find(command)!, repository),
};

async Task<int> RunAsync(string command, string[] options)
{
    try
    {
        if (command == CompareCommandLine.Command)
        {
            return await CompareRun.RunAsync(CompareCommandLine.Parse(options, repository), repository, interrupted.Token);
        }

        if (command == IngestCommandLine.Command)
        {
            return await IngestBenchmark.RunAsync(IngestCommandLine.Parse(options, repository), repository, interrupted.Token);
        }

        var definition = ScenarioCatalog.Find(command)!;
        return await ScenarioRun.RunAsync(ScenarioCommandLine.Parse(definition, options, repository), repository, interrupted.Token);
    }
    catch (UsageException error)
    {
        Console.Error.WriteLine($"error: {error.Message}");
        Console.Error.WriteLine();
        Console.Error.WriteLine(Help(command));
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
}

// The commands are dispatched by System.CommandLine; each command's options are read by its own parser (on the same
// library's tokens, see OptionTokens), which knows their ranges and defaults and words its help and errors.
var root = new RootCommand("RiskEngine load tests and benchmarks.");
foreach (var name in new[] { IngestCommandLine.Command, CompareCommandLine.Command }.Concat(ScenarioCatalog.All.Select(s => s.Name)))
{
    var command = new Command(name) { TreatUnmatchedTokensAsErrors = false };
    command.SetAction((parsed, _) => RunAsync(name, [.. parsed.UnmatchedTokens]));
    root.Subcommands.Add(command);
}

root.SetAction(_ =>
{
    Usage(Console.Error);
    return 2;
});
var help = root.Options.OfType<HelpOption>().Single();
help.Action = new ToolHelp(command => Console.WriteLine(Help(command)), () => Usage(Console.Out), root.Name);

if (args is ["help"])
{
    Usage(Console.Out);
    return 0;
}

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    Console.Error.WriteLine($"error: unknown command '{args[0]}'; known: {IngestCommandLine.Command}, {CompareCommandLine.Command}, {ScenarioCatalog.Names}.");
    Console.Error.WriteLine();
    Usage(Console.Error);
    return 2;
}

// The run handles SIGINT and SIGTERM itself (above), so that its servers are stopped and its folders removed.
return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false });

/// <summary>--help at any level: the tool's usage, or the command's own help text with ranges and defaults.</summary>
internal sealed class ToolHelp(Action<string> commandHelp, Action usage, string rootName) : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        var command = parseResult.CommandResult.Command.Name;
        if (command == rootName)
        {
            usage();
        }
        else
        {
            commandHelp(command);
        }

        return 0;
    }
}
