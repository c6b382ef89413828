namespace RiskEngine.Server.Demo;

/// <summary>The demo feed (section "Demo"): on by default in embedded mode so the wall moves at once.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    public bool Enabled { get; set; } = true;

    /// <summary>Overrides seeds/demo.json's rate when set.</summary>
    public double? SignalsPerSecond { get; set; }
}
