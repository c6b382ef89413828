namespace RiskEngine.Server.Tests.Contract;

/// <summary>GET /api/v1/system/stats: this server's memory and ingest backlog (activations left out).</summary>
public sealed record SystemStats(
    long WorkingSetBytes,
    long ManagedHeapBytes,
    double UptimeSeconds,
    long ApplyLag,
    long DispatchCapacity,
    long LogQueueDepth,
    long Refused);
