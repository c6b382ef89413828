using System.ComponentModel.DataAnnotations;

namespace RiskEngine.Server.Signals;

/// <summary>Limits of the ingest API (section "Ingest").</summary>
public sealed class IngestOptions
{
    public const string Section = "Ingest";

    /// <summary>Largest request body accepted, in bytes; larger gets 413. At most 1 GiB: a body is read into memory whole.</summary>
    [Range(typeof(long), "1", "1073741824")]
    public long MaxBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Most signals (or registrations) in one request; more gets 413.</summary>
    [Range(1, int.MaxValue)]
    public int MaxItemsPerRequest { get; set; } = 20_000;

    /// <summary>How far in the future an occurredAt may be (clock skew of sources).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Oldest occurredAt accepted: older is a typo, not a backfill. In the past, or every signal would be refused.</summary>
    public DateTimeOffset OldestOccurredAt { get; set; } = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Requests per second each credential may make (token bucket refill).</summary>
    [Range(1, int.MaxValue)]
    public int RequestsPerSecond { get; set; } = 200;

    /// <summary>Burst size of the per-credential token bucket; at least <see cref="RequestsPerSecond"/>, which a smaller bucket could never reach.</summary>
    [Range(1, int.MaxValue)]
    public int RequestBurst { get; set; } = 400;
}
