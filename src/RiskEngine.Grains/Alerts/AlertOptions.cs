using System.ComponentModel.DataAnnotations;

namespace RiskEngine.Grains.Alerts;

/// <summary>Alert timing, bound from configuration section "Alerts" (the rules themselves are in seeds/alert-rules.json).</summary>
public sealed class AlertOptions
{
    public const string Section = "Alerts";

    /// <summary>
    /// How often each district's alert watch looks for unresolved alerts due an escalation or a quiet-period check (an
    /// Orleans reminder per district, so it survives restarts). Orleans' minimum reminder period is lowered to match when
    /// this is under a minute; at least a second.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan CheckPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long an alert's grain stays in memory after its last call. Alerts are read from the store and woken by the
    /// watch only when a check is due, so a short stay bounds memory by the rate alerts change, not by how many are open.
    /// Orleans collects idle grains once a minute, so this is at least that.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
