namespace RiskEngine.Grains.Placement;

/// <summary>
/// Which server owns a subject: of the active servers, the one whose pairing with the subject's grain id hashes highest
/// (rendezvous hashing). Placement, the dispatcher and <see cref="Subjects.SnapshotFold"/> all use it. When a server dies
/// only its own subjects move, and a joining server takes a fair share from each of the others; a plain modulo would
/// move most subjects between the survivors too, and every one of those moves is a grain in memory on the wrong server.
/// While servers briefly disagree on membership, Orleans still forwards a call to wherever the grain is.
/// </summary>
public static class SubjectOwnership
{
    public static SiloAddress Owner(GrainId grain, IReadOnlyList<SiloAddress> silos)
    {
        var subject = grain.GetUniformHashCode();
        var best = silos[0];
        var bestWeight = Weight(subject, best);
        for (var i = 1; i < silos.Count; i++)
        {
            var weight = Weight(subject, silos[i]);
            if (weight > bestWeight)
            {
                (best, bestWeight) = (silos[i], weight);
            }
        }

        return best;
    }

    private static uint Weight(uint subject, SiloAddress silo)
    {
        // MurmurHash3's finaliser over the pair: every bit of either input moves every bit of the weight.
        var h = subject ^ (uint)silo.GetConsistentHashCode() * 0x9E3779B1u;
        h ^= h >> 16;
        h *= 0x85EBCA6Bu;
        h ^= h >> 13;
        h *= 0xC2B2AE35u;
        h ^= h >> 16;
        return h;
    }
}
