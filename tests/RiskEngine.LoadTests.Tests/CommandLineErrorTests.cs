using RiskEngine.LoadTests.CommandLine;
using RiskEngine.LoadTests.Scenarios;

namespace RiskEngine.LoadTests.Tests;

/// <summary>Bad command lines end with exit code 2, the reason and the usage, before anything starts.</summary>
public sealed class CommandLineErrorTests
{
    private static readonly ScenarioDefinition City = ScenarioCatalog.Find("city")!;

    [Theory]
    [InlineData("smoke", "--rate", "fast", "--rate: 'fast' is not a whole number")]
    [InlineData("smoke", "--entities", "0", "--entities: 0 is out of range")]
    [InlineData("smoke", "--duplicates", "0.9", "--duplicates: 0.9 is out of range")]
    [InlineData("smoke", "--phases", "steady,lunch", "'lunch' is not a phase")]
    [InlineData("smoke", "--servers", "2", "SQLite mode runs one server")]
    [InlineData("smoke", "--bogus", "1", "Unknown option '--bogus'")]
    [InlineData("smoke", "--hub-protocol", "xml", "'xml' is not a hub protocol")]
    [InlineData("ingest", "--servers", "0", "--servers: 0 is out of range")]
    [InlineData("ingest", "--servers", "1,x", "--servers: 'x' is not a whole number")]
    [InlineData("ingest", "--servers", "2,3", "--servers 2,3: SQLite mode runs one server")]
    [InlineData("compare", "--overload-factor", "lots", "--overload-factor: 'lots' is not a number")]
    [InlineData("compare", "--bogus", "1", "Unknown option '--bogus'")]
    [InlineData("weekend", "", "", "unknown command 'weekend'")]
    [InlineData("soak", "--seconds", "60", "Unknown option '--seconds'")]
    [InlineData("soak", "--hours", "0.001", "--hours: 0.001 is out of range")]
    [InlineData("soak", "--hours", "all-night", "--hours: 'all-night' is not a number")]
    public async Task A_bad_command_line_exits_2_with_the_reason_and_the_usage(string command, string option, string value, string reason)
    {
        string[] arguments = option.Length == 0 ? [command] : [command, option, value];
        var run = await LoadToolProcess.RunAsync(BuildOutputs.Root, TimeSpan.FromMinutes(2), arguments);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(reason, run.Errors, StringComparison.Ordinal);
        Assert.Contains("Usage:", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void City_defaults_are_the_whole_city_with_every_phase()
    {
        var settings = ScenarioCommandLine.Parse(City, [], Layout());
        Assert.Equal(2_700_000, settings.Entities);
        Assert.Equal(300_000, settings.Equipment);
        Assert.Equal(50, settings.WallClients);
        Assert.Equal([PhaseKind.Steady, PhaseKind.Incident, PhaseKind.Storm, PhaseKind.Backfill], settings.Phases);
    }

    [Fact]
    public void Scale_options_override_the_scenario_defaults()
    {
        var settings = ScenarioCommandLine.Parse(City,
            ["--entities", "50000", "--equipment=5000", "--rate", "3000", "--seconds", "10", "--wall-clients", "7", "--phases", "ramp,storm", "--set", "Engine:SweepPeriod=00:01:00"],
            Layout());
        Assert.Equal(50_000, settings.Entities);
        Assert.Equal(5_000, settings.Equipment);
        Assert.Equal(3_000, settings.Rate);
        Assert.Equal(10, settings.Seconds);
        Assert.Equal(7, settings.WallClients);
        Assert.Equal([PhaseKind.Ramp, PhaseKind.Storm], settings.Phases);
        Assert.Equal("00:01:00", settings.ServerSettings["Engine:SweepPeriod"]);
    }

    [Fact]
    public void A_soak_is_two_hours_of_steady_traffic_unless_told_its_length_in_hours()
    {
        var soak = ScenarioCatalog.Find("soak")!;
        var defaults = ScenarioCommandLine.Parse(soak, [], Layout());
        Assert.True(defaults.IsSoak);
        Assert.Equal([PhaseKind.Steady], defaults.Phases);
        Assert.Equal(7_200, defaults.Seconds);
        Assert.Equal(3_000, defaults.Rate);

        var quarterHour = ScenarioCommandLine.Parse(soak, ["--hours", "0.25", "--rate", "500"], Layout());
        Assert.Equal(900, quarterHour.Seconds);
        Assert.Equal(500, quarterHour.Rate);
        Assert.False(ScenarioCommandLine.Parse(City, [], Layout()).IsSoak);
    }

    [Fact]
    public void A_storm_without_equipment_is_refused()
    {
        var error = Assert.Throws<UsageException>(() => ScenarioCommandLine.Parse(City, ["--equipment", "0"], Layout()));
        Assert.Contains("storm", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Postgres_without_a_connection_string_is_refused()
    {
        var previous = Environment.GetEnvironmentVariable(IngestCommandLine.PostgresEnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(IngestCommandLine.PostgresEnvironmentVariable, null);
            var error = Assert.Throws<UsageException>(() => ScenarioCommandLine.Parse(City, ["--storage", "postgres"], Layout()));
            Assert.Contains("connection string", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(IngestCommandLine.PostgresEnvironmentVariable, previous);
        }
    }

    private static Hosting.RepositoryLayout Layout() => Hosting.RepositoryLayout.Find() ?? throw new InvalidOperationException("no repository");
}
