using System.ComponentModel.DataAnnotations;

namespace RiskEngine.Grains.Alerts;

/// <summary>Alert timing, bound from configuration section "Alerts" (the rules themselves are in seeds/alert-rules.json).</summary>
public sealed class AlertOptions
{
    public const string Section = "Alerts";

    /// <summary>
    /// How often an unresolved alert checks escalation and its subject's level (an Orleans reminder, so it survives
    /// restarts). Orleans' minimum reminder period is lowered to match when this is under a minute; at least a second, as
    /// each check writes the reminder's row.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan CheckPeriod { get; set; } = TimeSpan.FromMinutes(1);
}
