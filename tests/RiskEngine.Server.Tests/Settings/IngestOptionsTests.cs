using RiskEngine.Server.Signals;

namespace RiskEngine.Server.Tests.Settings;

public sealed class IngestOptionsTests
{
    [Theory]
    [InlineData("Ingest:MaxBodyBytes=0", "Ingest:MaxBodyBytes must be between 1 and 1073741824 (was 0)")]
    [InlineData("Ingest:MaxItemsPerRequest=0", "Ingest:MaxItemsPerRequest must be at least 1 (was 0)")]
    [InlineData("Ingest:MaxClockSkew=-00:01:00", "Ingest:MaxClockSkew must be between 00:00:00 and 1.00:00:00 (was -00:01:00)")]
    [InlineData("Ingest:RequestsPerSecond=0", "Ingest:RequestsPerSecond must be at least 1 (was 0)")]
    [InlineData("Ingest:RequestBurst=100", "Ingest:RequestBurst must be at least Ingest:RequestsPerSecond, which a smaller bucket never reaches (was 100 against 200)")]
    [InlineData("Ingest:OldestOccurredAt=2999-01-01T00:00:00Z", "Ingest:OldestOccurredAt must be in the past, or every signal is refused (was 2999-01-01T00:00:00.0000000+00:00)")]
    public void A_bad_value_is_refused_naming_the_key(string setting, string failure) =>
        Assert.Equal([failure], CheckedSettings.FailuresOf<IngestOptions>(setting));

    [Theory]
    [InlineData]
    [InlineData("Ingest:RequestsPerSecond=1", "Ingest:RequestBurst=1", "Ingest:MaxClockSkew=00:00:00")]
    public void Defaults_and_values_at_the_edges_are_accepted(params string[] settings) =>
        Assert.Empty(CheckedSettings.FailuresOf<IngestOptions>(settings));
}
