namespace RiskEngine.Grains.Placement;

/// <summary>
/// Which server owns a subject: its grain id's uniform hash modulo the number of servers, over the servers in address
/// order. Placement and the dispatcher both use it; while they briefly disagree (a server joined or died a moment ago)
/// a delivery is simply forwarded by Orleans to wherever the grain is.
/// </summary>
public static class SubjectOwnership
{
    public static SiloAddress Owner(GrainId grain, IReadOnlyList<SiloAddress> sortedSilos) =>
        sortedSilos[(int)((grain.GetUniformHashCode() & 0x7fffffff) % (uint)sortedSilos.Count)];
}
