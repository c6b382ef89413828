using Microsoft.Extensions.DependencyInjection;
using RiskEngine.Grains.Tests.Hosting;

namespace RiskEngine.Grains.Tests;

/// <summary>The test silo is the server's composition, with the engine's clock in the test's hands.</summary>
public sealed class TestClusterComposition(EngineCluster engine) : IClassFixture<EngineCluster>
{
    [Fact]
    public void The_engine_and_the_grain_timers_run_on_the_fake_clock_and_Orleans_on_real_time()
    {
        Assert.Same(engine.Clock, engine.Silo.GetRequiredService<TimeProvider>());
        Assert.Same(engine.Clock, engine.Silo.GetRequiredKeyedService<TimeProvider>(TimeProviderNames.Grains));
        Assert.Same(TimeProvider.System, engine.Silo.GetRequiredKeyedService<TimeProvider>(TimeProviderNames.Messaging));
        Assert.Same(TimeProvider.System, engine.Silo.GetRequiredKeyedService<TimeProvider>(TimeProviderNames.Membership));
    }

    [Fact]
    public void The_store_lives_in_the_fixtures_own_folder()
    {
        Assert.StartsWith(engine.DataDirectory, engine.Database.Path, StringComparison.Ordinal);
        Assert.True(File.Exists(engine.StateFile));
    }
}
