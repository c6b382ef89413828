using Orleans.Runtime.Services;
using RiskEngine.Abstractions;

namespace RiskEngine.Grains.Dispatch;

/// <summary>Reaches the <see cref="ISubjectDeliveryService"/> of a given server.</summary>
public sealed class SubjectDeliveryClient(IServiceProvider services) : GrainServiceClient<ISubjectDeliveryService>(services)
{
    public ISubjectDeliveryService On(SiloAddress silo) => GetGrainService(silo);
}
