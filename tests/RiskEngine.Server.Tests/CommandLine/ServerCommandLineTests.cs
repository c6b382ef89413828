using RiskEngine.Server.Hosting;
using RiskEngine.Server.Tests.Hosting;

namespace RiskEngine.Server.Tests.CommandLine;

/// <summary>
/// The server's command line: <c>--help</c> of every command, exit 2 naming an unknown command or option, and
/// configuration arguments that still reach the commands and the host.
/// </summary>
public sealed class ServerCommandLineTests
{
    [Theory]
    [InlineData("", "db")]
    [InlineData("db", "migrate")]
    [InlineData("db migrate", "Storage:Provider")]
    [InlineData("users", "add")]
    [InlineData("users add", "--password-stdin")]
    [InlineData("users add", "--city-wide")]
    [InlineData("users disable", "--name")]
    [InlineData("users enable", "--name")]
    [InlineData("users list", "jurisdiction")]
    [InlineData("users passwd", "--password-stdin")]
    [InlineData("health", "--url")]
    [InlineData("import", "equipment")]
    [InlineData("import entities", "creditClass")]
    [InlineData("import equipment", "nextInspectionDue")]
    [InlineData("backtest", "--outcomes")]
    public async Task Every_command_has_help(string command, string mentioned)
    {
        var output = new StringWriter();

        var exitCode = await InvokeAsync([.. Words(command), "--help"], output);

        Assert.Equal(0, exitCode);
        Assert.Contains("Usage:", output.ToString(), StringComparison.Ordinal);
        Assert.Contains($" {command} ", output.ToString(), StringComparison.Ordinal);
        Assert.Contains(mentioned, output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("import entitys f.csv --url http://127.0.0.1:5000", "'entitys'")]
    [InlineData("--bogus", "'--bogus'")]
    [InlineData("users add --name a --role viewer --passwd x", "'--passwd'")]
    [InlineData("import entities f.csv", "--url")]
    [InlineData("import entities f.csv --url ftp://x", "http(s) address")]
    [InlineData("import equipment f.csv --url http://127.0.0.1:5000 --encoding latin1", "latin1")]
    [InlineData("import entities f.csv --url http://127.0.0.1:5000 --clients 0", "--clients must be between 1 and 64")]
    [InlineData("db", "Required command")]
    [InlineData("backtest --signals s.jsonl", "--outcomes")]
    [InlineData("backtest --signals s.jsonl --outcomes o.csv --training-share 1", "--training-share must be between 0 and 1")]
    public async Task A_wrong_command_line_exits_2_naming_what_is_wrong(string command, string named)
    {
        var errors = new StringWriter();

        var exitCode = await InvokeAsync(Words(command), TextWriter.Null, errors);

        Assert.Equal(2, exitCode);
        Assert.Contains(named, errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mistyped_command_exits_2_instead_of_starting_a_server()
    {
        using var data = new TemporaryDirectory();

        var (exitCode, output) = await EngineProcess.RunUntilExitAsync(data.Path, "import", "entites", "f.csv");

        Assert.Equal(2, exitCode);
        Assert.Contains("'entites'", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configuration_arguments_reach_the_command_in_either_form()
    {
        using var data = new TemporaryDirectory();
        var output = new StringWriter();

        var exitCode = await InvokeAsync(["db", "--Storage:Provider", "Sqlite", "migrate", $"--Storage:DataDirectory={data.Path}"], output);

        Assert.Equal(0, exitCode);
        Assert.Contains("Schema is up to date (Sqlite)", output.ToString(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(data.Path, "signals.db")));
    }

    [Fact]
    public void Configuration_and_host_switches_are_told_from_the_command()
    {
        var split = HostArguments.Separate(["--urls", "http://127.0.0.1:5000", "import", "--Storage:Provider=PostgreSQL", "entities", "--Seeds:Directory", "/s", "f.csv", "--resume"]);

        Assert.Equal(["import", "entities", "f.csv", "--resume"], split.Command);
        Assert.Equal(["--urls", "http://127.0.0.1:5000", "--Storage:Provider=PostgreSQL", "--Seeds:Directory", "/s"], split.Configuration);
    }

    private static string[] Words(string command) => command.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static Task<int> InvokeAsync(string[] args, TextWriter output, TextWriter? errors = null) =>
        ServerCommandLine.InvokeAsync(args, TextReader.Null, output, errors ?? TextWriter.Null);
}
