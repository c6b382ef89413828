using RiskEngine.LoadTests.CommandLine;
using RiskEngine.LoadTests.Hosting;

namespace RiskEngine.LoadTests.Tests;

/// <summary>ingest's --servers: one count as before, or a comma list of counts run in turn on PostgreSQL; and the lists it refuses.</summary>
public sealed class IngestCommandLineTests
{
    private const string Postgres = "Host=127.0.0.1;Database=riskengine_test;Username=riskengine";

    [Fact]
    public void A_list_keeps_every_count_in_the_order_given_and_the_first_is_the_single_count_figure()
    {
        var settings = Parse("--storage", "postgres", "--postgres", Postgres, "--servers", "3,1,2");
        Assert.Equal([3, 1, 2], settings.ServerCounts);
        Assert.Equal(3, settings.Servers);
    }

    [Fact]
    public void A_single_number_is_a_list_of_one() =>
        Assert.Equal([3], Parse("--storage", "postgres", "--postgres", Postgres, "--servers=3").ServerCounts);

    [Fact]
    public void Without_servers_postgres_runs_two_and_sqlite_one()
    {
        Assert.Equal([2], Parse("--storage", "postgres", "--postgres", Postgres).ServerCounts);
        Assert.Equal([1], Parse().ServerCounts);
        Assert.Equal([1], Parse("--servers", "1").ServerCounts);
    }

    [Theory]
    [InlineData("0", "--servers: 0 is out of range (expected 1..8)")]
    [InlineData("9", "--servers: 9 is out of range (expected 1..8)")]
    [InlineData("1,x", "--servers: 'x' is not a whole number")]
    [InlineData("two", "--servers: 'two' is not a whole number")]
    [InlineData("1,,2", "--servers: '1,,2' has an empty item")]
    [InlineData("1,2,", "--servers: '1,2,' has an empty item")]
    [InlineData("2,2", "--servers: 2 is listed twice")]
    public void A_bad_list_is_refused_naming_the_option(string value, string reason)
    {
        var error = Assert.Throws<UsageException>(() => Parse("--storage", "postgres", "--postgres", Postgres, "--servers", value));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("2,3")]
    [InlineData("1,2")]
    public void More_than_one_server_without_postgres_is_refused(string value)
    {
        var error = Assert.Throws<UsageException>(() => Parse("--servers", value));
        Assert.Contains($"--servers {value}: SQLite mode runs one server; a cluster needs --storage postgres.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_describes_the_list_form() =>
        Assert.Contains("--servers N[,N...]", IngestCommandLine.Help(Layout()), StringComparison.Ordinal);

    private static IngestSettings Parse(params string[] arguments) => IngestCommandLine.Parse(arguments, Layout());

    private static RepositoryLayout Layout() => RepositoryLayout.Find() ?? throw new InvalidOperationException("no repository");
}
