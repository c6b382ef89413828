namespace RiskEngine.Server.Hosting;

/// <summary>The Orleans silo of this server (section "Orleans").</summary>
public sealed class SiloOptions
{
    public const string Section = "Orleans";

    /// <summary>Silo-to-silo port; 0 picks a free one (embedded mode needs no fixed port).</summary>
    public int SiloPort { get; set; }

    /// <summary>Port for Orleans clients (the load generator's kernel mode); 0 picks a free one.</summary>
    public int GatewayPort { get; set; }

    public string ClusterId { get; set; } = "riskengine";

    public string ServiceId { get; set; } = "riskengine";
}
