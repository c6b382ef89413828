using RiskEngine.Server.Tests.Client;
using RiskEngine.Server.Tests.Contract;
using RiskEngine.Server.Tests.Hosting;
using RiskEngine.Server.Tests.Model;
using Xunit.Abstractions;

namespace RiskEngine.Server.Tests.Cluster;

/// <summary>
/// Two real server processes on one PostgreSQL: outcomes ingested through one are fitted into a version that both
/// score with, whichever of them fitted it.
/// </summary>
[Collection(ServerProcessCollection.Name)]
public sealed class SharedModelTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Outcomes_ingested_through_one_server_refit_a_version_every_server_scores_with()
    {
        await using var database = await ClusterDatabase.CreateAsync();
        using var dataA = new TemporaryDirectory();
        using var dataB = new TemporaryDirectory();
        var settings = ClusterServerSettings.For(database.ConnectionString,
            new("Model:PollInterval", "00:00:00.200"),
            new("Model:QuietPeriod", "00:00:01"),
            new("Model:MinNewOutcomes", "30"),
            new("Model:MinCategoryOutcomes", "30"));
        var started = await Task.WhenAll(EngineProcess.StartAsync(dataA.Path, settings), EngineProcess.StartAsync(dataB.Path, settings));
        using var a = started[0];
        using var b = started[1];
        using var apiA = new EngineApi(a.CreateClient());
        using var apiB = new EngineApi(b.CreateClient());

        var (troubled, _) = await OutcomeBurst.IngestAsync(apiA, SignalJson.ForNewSource());

        var onA = await Eventually.ReadAsync(() => apiA.GetAsync<VersionAnswer>("/api/v1/model"), m => m.Version >= 1, "server A takes a fitted version", TimeSpan.FromSeconds(60));
        var onB = await Eventually.ReadAsync(() => apiB.GetAsync<VersionAnswer>("/api/v1/model"), m => m.Version == onA.Version, "server B takes the same version", TimeSpan.FromSeconds(30));
        var readOnB = await apiB.GetEntityAsync(troubled[0]);
        output.WriteLine($"version {onA.Version} ({onA.Origin}) on both servers; {troubled[0]} read through B: {readOnB.Score} (p = {readOnB.Probability})");

        Assert.Equal(onA.Origin, onB.Origin);
        Assert.Equal(onA.Version, readOnB.ModelVersion);
        Assert.NotNull(readOnB.Probability);
    }

    private sealed record VersionAnswer(int Version, string Origin);
}
