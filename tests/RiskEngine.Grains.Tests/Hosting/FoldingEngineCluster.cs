namespace RiskEngine.Grains.Tests.Hosting;

/// <summary>An engine that folds every delivery to a subject not in memory, however recently it had one, so tests know which path a signal takes.</summary>
public sealed class FoldingEngineCluster : EngineCluster
{
    protected override void Configure(EngineOptions options)
    {
        options.FoldIdleSubjects = true;
        options.FoldRecentWindow = TimeSpan.Zero;
    }
}
