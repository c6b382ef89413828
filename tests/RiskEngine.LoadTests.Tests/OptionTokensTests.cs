using RiskEngine.LoadTests.CommandLine;

namespace RiskEngine.LoadTests.Tests;

/// <summary>The load tool's option tokens as System.CommandLine reads them, with the tool's own words for what is wrong.</summary>
public sealed class OptionTokensTests
{
    private static readonly string[] Known = ["seconds", "out", OptionTokens.SetOption];

    [Fact]
    public void Values_in_either_form_and_repeated_assignments_are_read()
    {
        var tokens = OptionTokens.Read(["--seconds", "5", "--out=/tmp/r", "--set", "Engine:A=1", "--set", "Ingest:B=x=y"], Known);

        Assert.Equal(new Dictionary<string, string> { ["seconds"] = "5", ["out"] = "/tmp/r" }, tokens.Values);
        Assert.Equal(new SortedDictionary<string, string> { ["Engine:A"] = "1", ["Ingest:B"] = "x=y" }, tokens.ServerSettings);
    }

    [Theory]
    [InlineData("Unknown option '--bogus'; known: --seconds, --out, --set.", "--bogus", "1")]
    [InlineData("Unknown option '--bogus'", "--bogus=1")]
    [InlineData("Unexpected argument 'stray'", "stray")]
    [InlineData("--seconds", "--seconds")]
    [InlineData("--seconds", "--seconds", "1", "--seconds", "2")]
    [InlineData("is not KEY=VALUE", "--set", "Engine")]
    [InlineData("Engine:A is set more than once", "--set", "Engine:A=1", "--set", "Engine:A=2")]
    public void A_bad_option_is_refused_with_what_is_wrong(string reason, params string[] arguments)
    {
        var error = Assert.Throws<UsageException>(() => OptionTokens.Read(arguments, Known));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}
