namespace RiskEngine.LoadTests.Reporting;

/// <summary>How fast subjects (entities or equipment units) were registered through the registration API.</summary>
/// <param name="Subjects">Subjects registered (created or updated).</param>
/// <param name="Requests">Batches posted.</param>
/// <param name="BatchSize">Subjects per batch.</param>
/// <param name="Seconds">Wall time of the whole registration.</param>
/// <param name="PerSecond">Subjects per second.</param>
public sealed record RegistrationFigures(int Subjects, int Requests, int BatchSize, double Seconds, double PerSecond);
