using System.ComponentModel.DataAnnotations;
using RiskEngine.Domain.Learning;

namespace RiskEngine.Grains.Learning;

/// <summary>How the model learns from outcomes, bound from configuration section "Model"; ranges checked at start.</summary>
public sealed class ModelOptions
{
    public const string Section = "Model";

    /// <summary>How often a server looks for a newer stored version and for outcomes not fitted yet.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>New outcomes that start a refit at once, mid-stream.</summary>
    [Range(1, int.MaxValue)]
    public int RefitAfterOutcomes { get; set; } = 2_000;

    /// <summary>
    /// A burst (a replay, a bulk ingest) has ended once no outcome arrived for this long; then a refit runs if at least
    /// <see cref="MinNewOutcomes"/> arrived since the last. With the poll, a refit follows a burst within a minute.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan QuietPeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The fewest new outcomes a quiet-time refit waits for.</summary>
    [Range(1, int.MaxValue)]
    public int MinNewOutcomes { get; set; } = 30;

    /// <summary>Outcomes kept in the store (the newest; older ones are trimmed after each fit) and read by a fit.</summary>
    [Range(100, 10_000_000)]
    public int MaxOutcomes { get; set; } = 200_000;

    /// <summary>A category's fewest outcomes (with both labels) before it leaves the seeded combination.</summary>
    [Range(2, int.MaxValue)]
    public int MinCategoryOutcomes { get; set; } = FitSettings.Default.MinOutcomes;

    /// <summary>How many outcomes' weight the seeded combination keeps in a fit (see <see cref="FitSettings.PriorStrength"/>).</summary>
    [Range(0.001, 1_000_000)]
    public double PriorStrength { get; set; } = FitSettings.Default.PriorStrength;

    /// <summary>Recent outcomes per category the rolling quality (GET /api/v1/model) is measured on.</summary>
    [Range(10, 1_000_000)]
    public int QualityWindow { get; set; } = 5_000;

    public FitSettings FitSettings => FitSettings.Default with { MinOutcomes = MinCategoryOutcomes, PriorStrength = PriorStrength };
}
