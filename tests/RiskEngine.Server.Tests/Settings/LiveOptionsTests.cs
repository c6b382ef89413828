using RiskEngine.Server.Live;

namespace RiskEngine.Server.Tests.Settings;

public sealed class LiveOptionsTests
{
    [Theory]
    [InlineData("Live:CoalesceInterval=00:00:00", "Live:CoalesceInterval must be between 00:00:00.001 and 1.00:00:00 (was 00:00:00)")]
    [InlineData("Live:RefreshInterval=-00:00:05", "Live:RefreshInterval must be between 00:00:00.001 and 1.00:00:00 (was -00:00:05)")]
    [InlineData("Live:TrendInterval=3.00:00:00", "Live:TrendInterval must be between 00:00:00.001 and 1.00:00:00 (was 3.00:00:00)")]
    [InlineData("Live:RenewInterval=00:00:30", "Live:RenewInterval plus Live:CoalesceInterval must be under 00:00:30, the wall feed's subscription lifetime (was 00:00:30 plus 00:00:00.25)")]
    public void A_bad_value_is_refused_naming_the_key(string setting, string failure) =>
        Assert.Equal([failure], CheckedSettings.FailuresOf<LiveOptions>(setting));

    [Fact]
    public void A_renewal_past_the_range_says_both_what_is_allowed_and_that_the_subscription_would_lapse() =>
        Assert.Equal(
            [
                "Live:RenewInterval must be between 00:00:00.001 and 1.00:00:00 (was 2.00:00:00)",
                "Live:RenewInterval plus Live:CoalesceInterval must be under 00:00:30, the wall feed's subscription lifetime (was 2.00:00:00 plus 00:00:00.25)",
            ],
            CheckedSettings.FailuresOf<LiveOptions>("Live:RenewInterval=2.00:00:00"));

    [Theory]
    [InlineData]
    [InlineData("Live:RenewInterval=00:00:29", "Live:CoalesceInterval=00:00:00.5")]
    public void Defaults_and_values_at_the_edges_are_accepted(params string[] settings) =>
        Assert.Empty(CheckedSettings.FailuresOf<LiveOptions>(settings));
}
