using RiskEngine.Abstractions;
using RiskEngine.Domain;
using RiskEngine.Grains.Placement;

namespace RiskEngine.Grains.Dispatch;

/// <summary>
/// Reads a subject's risk on the server that owns it without bringing a grain into memory (see
/// <see cref="ISubjectDeliveryService.ReadAsync"/>). For periodic checks: an alert watching its subject every few minutes
/// kept every watched subject in memory as a grain, 200k of them in the city scenario.
/// </summary>
public sealed class SubjectReads(IGrainFactory grains, ActiveSilos activeSilos, ILocalSiloDetails localSilo, SubjectDeliveryClient services)
{
    public Task<SubjectRiskView> ReadAsync(SubjectKind kind, string subjectId)
    {
        var silos = activeSilos.Current.Silos;
        var owner = silos.Length < 2
            ? localSilo.SiloAddress
            : SubjectOwnership.Owner(SubjectGrains.Of(grains, kind, subjectId).GetGrainId(), silos);
        return services.On(owner).ReadAsync(kind, subjectId);
    }
}
