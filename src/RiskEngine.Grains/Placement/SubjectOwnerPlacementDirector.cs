using Orleans.Runtime.Placement;

namespace RiskEngine.Grains.Placement;

/// <summary>Activates a subject on its owner among the servers that can host it.</summary>
public sealed class SubjectOwnerPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var silos = context.GetCompatibleSilos(target).OrderBy(s => s).ToArray();
        return Task.FromResult(SubjectOwnership.Owner(target.GrainIdentity, silos));
    }
}
