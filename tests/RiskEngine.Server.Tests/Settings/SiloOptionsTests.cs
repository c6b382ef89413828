using RiskEngine.Server.Hosting;

namespace RiskEngine.Server.Tests.Settings;

public sealed class SiloOptionsTests
{
    [Theory]
    [InlineData("Orleans:SiloPort=70000", "Orleans:SiloPort must be between 0 and 65535 (was 70000)")]
    [InlineData("Orleans:GatewayPort=-1", "Orleans:GatewayPort must be between 0 and 65535 (was -1)")]
    [InlineData("Orleans:ClusterId=", "Orleans:ClusterId must be set (was empty)")]
    [InlineData("Orleans:ServiceId= ", "Orleans:ServiceId must be set (was empty)")]
    [InlineData("Orleans:AdvertisedHost=", "Orleans:AdvertisedHost must be set (was empty)")]
    [InlineData("Orleans:ProbeTimeout=00:00:00", "Orleans:ProbeTimeout must be between 00:00:00.001 and 1.00:00:00 (was 00:00:00)")]
    [InlineData("Orleans:ResponseTimeout=-00:00:10", "Orleans:ResponseTimeout must be between 00:00:00.001 and 1.00:00:00 (was -00:00:10)")]
    [InlineData("Orleans:HeartbeatPeriod=00:00:00", "Orleans:HeartbeatPeriod must be between 00:00:00.001 and 1.00:00:00 (was 00:00:00)")]
    [InlineData("Orleans:NumMissedProbesLimit=0", "Orleans:NumMissedProbesLimit must be at least 1 (was 0)")]
    public void A_bad_value_is_refused_naming_the_key(string setting, string failure) =>
        Assert.Equal([failure], CheckedSettings.FailuresOf<SiloOptions>(setting));

    [Fact]
    public void Silo_and_gateway_cannot_share_a_port() =>
        Assert.Equal(
            ["Orleans:SiloPort and Orleans:GatewayPort must differ (both were 11111)"],
            CheckedSettings.FailuresOf<SiloOptions>("Orleans:SiloPort=11111", "Orleans:GatewayPort=11111"));

    [Theory]
    [InlineData]
    [InlineData("Orleans:SiloPort=11111", "Orleans:GatewayPort=30000")]
    [InlineData("Orleans:SiloPort=65535", "Orleans:GatewayPort=0")]
    public void Defaults_and_values_at_the_edges_are_accepted(params string[] settings) =>
        Assert.Empty(CheckedSettings.FailuresOf<SiloOptions>(settings));
}
