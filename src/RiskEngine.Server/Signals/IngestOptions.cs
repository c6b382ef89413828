namespace RiskEngine.Server.Signals;

/// <summary>Limits of the ingest API (section "Ingest").</summary>
public sealed class IngestOptions
{
    public const string Section = "Ingest";

    /// <summary>Largest request body accepted, in bytes; larger gets 413.</summary>
    public long MaxBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Most signals (or registrations) in one request; more gets 413.</summary>
    public int MaxItemsPerRequest { get; set; } = 20_000;

    /// <summary>How far in the future an occurredAt may be (clock skew of sources).</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Oldest occurredAt accepted: older is a typo, not a backfill.</summary>
    public DateTimeOffset OldestOccurredAt { get; set; } = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Requests per second each credential may make (token bucket refill).</summary>
    public int RequestsPerSecond { get; set; } = 200;

    /// <summary>Burst size of the per-credential token bucket.</summary>
    public int RequestBurst { get; set; } = 400;
}
