using RiskEngine.Abstractions;
using RiskEngine.Domain;
using RiskEngine.Grains.Placement;

namespace RiskEngine.Grains.Dispatch;

/// <summary>
/// Reaches a subject on the server that owns it without bringing a grain into memory (through that server's
/// <see cref="ISubjectDeliveryService"/>): reads for periodic checks, and a unit's risk for its owner. In the city scenario
/// an alert's minute check kept its subject in memory as a grain, and every unit's report kept its owner in memory as one:
/// 132k entity grains that applied nothing of their own.
/// </summary>
public sealed class SubjectRouter(IGrainFactory grains, ActiveSilos activeSilos, ILocalSiloDetails localSilo, SubjectDeliveryClient services)
{
    public Task<SubjectRiskView> ReadAsync(SubjectKind kind, string subjectId) =>
        OwnerOf(kind, subjectId).ReadAsync(kind, subjectId);

    /// <summary>Tells an entity the latest risk of a unit it owns (0 when it no longer does), ordered by the unit's <paramref name="version"/>.</summary>
    public Task ReportOwnedUnitAsync(string ownerUscc, string code, double score, long version) =>
        OwnerOf(SubjectKind.Entity, ownerUscc).ReportOwnedUnitAsync(ownerUscc, code, score, version);

    private ISubjectDeliveryService OwnerOf(SubjectKind kind, string subjectId)
    {
        var silos = activeSilos.Current.Silos;
        var owner = silos.Length < 2
            ? localSilo.SiloAddress
            : SubjectOwnership.Owner(SubjectGrains.Of(grains, kind, subjectId).GetGrainId(), silos);
        return services.On(owner);
    }
}
