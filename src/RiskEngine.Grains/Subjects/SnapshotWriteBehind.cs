using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RiskEngine.Storage.Snapshots;

namespace RiskEngine.Grains.Subjects;

/// <summary>Writes the subjects' changed snapshots to the table once per flush interval, and once more on the way out.</summary>
public sealed class SnapshotWriteBehind(ResidentSnapshots snapshots, IOptions<EngineOptions> options, TimeProvider clock) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        snapshots.RunAsync(options.Value.SnapshotFlushInterval, clock, stoppingToken);
}
