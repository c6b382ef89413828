namespace RiskEngine.Server.Tests.Hosting;

/// <summary>
/// Tests that run several real server processes and time what they see (failover, outages, a freeze): they run one
/// at a time, after the others, so two of them never share the machine's two cores and each other's timings.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ServerProcessCollection
{
    public const string Name = "Several real server processes, one test at a time";
}
