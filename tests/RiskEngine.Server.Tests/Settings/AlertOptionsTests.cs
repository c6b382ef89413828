using RiskEngine.Grains.Alerts;

namespace RiskEngine.Server.Tests.Settings;

public sealed class AlertOptionsTests
{
    [Theory]
    [InlineData("Alerts:CheckPeriod=00:00:00.5", "Alerts:CheckPeriod must be between 00:00:01 and 1.00:00:00 (was 00:00:00.5)")]
    [InlineData("Alerts:CheckPeriod=-00:01:00", "Alerts:CheckPeriod must be between 00:00:01 and 1.00:00:00 (was -00:01:00)")]
    public void A_bad_value_is_refused_naming_the_key(string setting, string failure) =>
        Assert.Equal([failure], CheckedSettings.FailuresOf<AlertOptions>(setting));

    [Theory]
    [InlineData]
    [InlineData("Alerts:CheckPeriod=00:00:01")]
    public void Defaults_and_values_at_the_edges_are_accepted(params string[] settings) =>
        Assert.Empty(CheckedSettings.FailuresOf<AlertOptions>(settings));
}
