using RiskEngine.Server.Auth;

namespace RiskEngine.Server.Tests.Settings;

/// <summary>The revocation timings are held to ranges that keep a revoked login working no longer than 30 s.</summary>
public sealed class RevocationOptionsTests
{
    [Theory]
    [InlineData("Auth:Revocation:StampCacheDuration=00:01:00", "Auth:Revocation:StampCacheDuration must be between 00:00:00.1 and 00:00:20 (was 00:01:00)")]
    [InlineData("Auth:Revocation:RevalidationInterval=00:00:00", "Auth:Revocation:RevalidationInterval must be between 00:00:00.1 and 00:00:10 (was 00:00:00)")]
    public void A_value_that_would_let_a_revoked_login_live_longer_is_refused(string setting, string failure) =>
        Assert.Equal([failure], CheckedSettings.FailuresOf<RevocationOptions>(setting));

    [Theory]
    [InlineData]
    [InlineData("Auth:Revocation:StampCacheDuration=00:00:20", "Auth:Revocation:RevalidationInterval=00:00:10")]
    public void Defaults_and_values_at_the_edges_are_accepted(params string[] settings) =>
        Assert.Empty(CheckedSettings.FailuresOf<RevocationOptions>(settings));
}
