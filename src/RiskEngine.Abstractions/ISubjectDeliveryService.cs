using Orleans.Services;

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
}
