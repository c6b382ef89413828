namespace RiskEngine.Server.Tests.Hosting;

/// <summary>One server with the default limits, shared by the tests of a class (they use subjects and sources of their own).</summary>
public class EngineServerFixture : IAsyncLifetime
{
    private EngineServer? _server;

    public EngineServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    /// <summary>Settings on top of the defaults of <see cref="EngineServer"/>.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings => [];

    public async Task InitializeAsync() => _server = await EngineServer.StartAsync(Settings);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
