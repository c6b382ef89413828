namespace RiskEngine.LoadTests.Reporting;

/// <summary>How fast the entities were registered through POST /api/v1/entities.</summary>
/// <param name="Entities">Entities registered (created or updated).</param>
/// <param name="Requests">Batches posted.</param>
/// <param name="BatchSize">Entities per batch.</param>
/// <param name="Seconds">Wall time of the whole registration.</param>
/// <param name="PerSecond">Entities per second.</param>
public sealed record RegistrationFigures(int Entities, int Requests, int BatchSize, double Seconds, double PerSecond);
