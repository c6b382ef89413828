using Orleans.Services;
using RiskEngine.Domain;

namespace RiskEngine.Abstractions;

/// <summary>
/// One per server: applies deliveries to the subject grains placed on it. The dispatching server sends each other
/// server one message per batch, instead of one message per subject.
/// </summary>
[Alias("subject-delivery-service")]
public interface ISubjectDeliveryService : IGrainService
{
    /// <summary>Applies every delivery; returns the ids of the subjects whose grains failed (the sender retries those itself).</summary>
    [Alias("deliver")]
    Task<string[]> DeliverAsync(SubjectDelivery[] deliveries);

    /// <summary>
    /// The subject's risk now, read where its snapshot lives without bringing a grain into memory: from its grain when it
    /// has one here, else from its stored snapshot. For periodic checks (an alert watching its subject) that would
    /// otherwise keep every watched subject in memory as a grain.
    /// </summary>
    [Alias("read")]
    Task<SubjectRiskView> ReadAsync(SubjectKind kind, string subjectId);

    /// <summary>
    /// Tells an entity owned here the latest risk of one of its units, applied to its snapshot without bringing a grain into
    /// memory (by its grain when it has one here). Ordered by the unit's <paramref name="version"/>: an older one changes nothing.
    /// </summary>
    [Alias("report-unit")]
    Task ReportOwnedUnitAsync(string ownerUscc, string code, double score, long version);
}
