using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RiskEngine.Grains.Learning;

/// <summary>Polls <see cref="ModelRefitter"/> on every server: newer versions are taken, due refits run.</summary>
public sealed partial class ModelRefitLoop(ModelRefitter refitter, IOptions<ModelOptions> options, TimeProvider clock, ILogger<ModelRefitLoop> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval, clock);
        do
        {
            try
            {
                await refitter.PollAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                LogPollFailed(logger, error);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking for a newer risk model or due refit failed; retrying at the next poll")]
    private static partial void LogPollFailed(ILogger logger, Exception error);
}
