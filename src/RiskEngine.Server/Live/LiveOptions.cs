using System.ComponentModel.DataAnnotations;

namespace RiskEngine.Server.Live;

/// <summary>Live push timing, bound from configuration section "Live".</summary>
public sealed class LiveOptions
{
    public const string Section = "Live";

    /// <summary>Changes are gathered for this long and sent as one frame per scope.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan CoalesceInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How often this server renews its wall-feed subscription and reports its throughput. Renewals happen on coalescing
    /// ticks, so this plus <see cref="CoalesceInterval"/> must stay under the feed's subscription lifetime (30 s).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan RenewInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often every district is re-read (heals missed notifications; picks up registrations).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Spacing of the trend points (360 are kept: an hour at the default).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan TrendInterval { get; set; } = TimeSpan.FromSeconds(10);
}
