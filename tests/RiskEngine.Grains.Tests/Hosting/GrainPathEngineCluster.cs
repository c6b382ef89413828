namespace RiskEngine.Grains.Tests.Hosting;

/// <summary>
/// An engine whose every signal goes to its subject's grain (no fold without a grain), for tests of what grains do
/// themselves: write-behind, replay on activation, the checkpoint that follows their snapshots.
/// </summary>
public sealed class GrainPathEngineCluster : EngineCluster
{
    protected override void Configure(EngineOptions options) => options.FoldIdleSubjects = false;
}
