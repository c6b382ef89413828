using System.ComponentModel.DataAnnotations;

namespace RiskEngine.Server.Hosting;

/// <summary>The Orleans silo of this server (section "Orleans").</summary>
public sealed class SiloOptions
{
    public const string Section = "Orleans";

    /// <summary>Silo-to-silo port; 0 picks a free one (embedded mode needs no fixed port). Differs from <see cref="GatewayPort"/>.</summary>
    [Range(0, 65535)]
    public int SiloPort { get; set; }

    /// <summary>
    /// Port of the Orleans gateway, for Orleans clients outside the server; 0 (the default): no gateway. A gateway client
    /// calls grains directly, past the API's authentication, so it is for trusted tools on the silo network only.
    /// </summary>
    [Range(0, 65535)]
    public int GatewayPort { get; set; }

    /// <summary>Servers with the same cluster id in one membership table form one cluster.</summary>
    [Required]
    public string ClusterId { get; set; } = "riskengine";

    /// <summary>Names the service's grain snapshots and reminders in storage; keep it across deployments.</summary>
    [Required]
    public string ServiceId { get; set; } = "riskengine";

    /// <summary>Cluster mode: the address (or host name) other silos reach this one at; the silo listens on that address alone.</summary>
    [Required]
    public string AdvertisedHost { get; set; } = "127.0.0.1";

    /// <summary>
    /// Cluster mode: how often a silo probes its peers, and how long a probe may take before it counts as missed. With
    /// <see cref="NumMissedProbesLimit"/> it sets how soon a killed server's subjects answer from the others: 0.6 s gave
    /// 1.8-2.3 s in the three-process kill test, 1 s gave 1.5-3.2 s. A probe that fails while the prober's own
    /// process stalled counts as inconclusive, so a busy server does not vote a healthy peer dead.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(0.6);

    /// <summary>
    /// How long a grain call may wait for its answer. Orleans' default (30 s) would hold an API request that long
    /// when its message was lost with a killed server; the caller should rather get an error and retry.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Cluster mode: how often a silo writes its heartbeat to the membership table. A dead silo's row turns stale
    /// after a few missed heartbeats, and only then can a lone survivor (a two-server cluster) declare it dead
    /// without a second vote; so this bounds failover time for small clusters.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan HeartbeatPeriod { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>Cluster mode: missed probes before a peer is suspected.</summary>
    [Range(1, int.MaxValue)]
    public int NumMissedProbesLimit { get; set; } = 2;
}
