using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RiskEngine.Server.Hosting;

/// <summary>Ready once the silo is up and the log's tail has been replayed into the grains.</summary>
public sealed class EngineReadiness : IHealthCheck
{
    private volatile string _state = "starting";
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsReady => _ready.Task.IsCompletedSuccessfully;

    public Task WhenReady => _ready.Task;

    public void Report(string state) => _state = state;

    public void MarkReady()
    {
        _state = "ready";
        _ready.TrySetResult();
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(IsReady ? HealthCheckResult.Healthy(_state) : HealthCheckResult.Unhealthy(_state));
}
