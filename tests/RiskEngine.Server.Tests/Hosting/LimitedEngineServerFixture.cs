namespace RiskEngine.Server.Tests.Hosting;

/// <summary>
/// A server with tiny ingest limits. Rate limits are per credential, so each test uses an isolated key of its own
/// (<see cref="TestApiKeys.Isolated"/>) and the tests do not eat each other's tokens.
/// </summary>
public sealed class LimitedEngineServerFixture : EngineServerFixture
{
    public const int MaxBodyBytes = 4096;
    public const int MaxItemsPerRequest = 5;
    public const int RequestBurst = 2;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Ingest:MaxBodyBytes", MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Ingest:MaxItemsPerRequest", MaxItemsPerRequest.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Ingest:RequestsPerSecond", "1"),
        new("Ingest:RequestBurst", RequestBurst.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        .. TestApiKeys.IsolatedKeys(8),
    ];
}
