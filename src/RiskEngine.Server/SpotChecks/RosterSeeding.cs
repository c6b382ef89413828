using RiskEngine.Domain.SpotChecks;
using RiskEngine.Storage.SpotChecks;

namespace RiskEngine.Server.SpotChecks;

/// <summary>At start, puts the shipped demo roster's officers on the roster unless they are there (or were removed) already.</summary>
public sealed partial class RosterSeeding(InspectorRoster roster, SpotCheckSettings settings, ILogger<RosterSeeding> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var added = await roster.SeedAsync(settings.Roster, cancellationToken);
        if (added > 0)
        {
            LogSeeded(logger, added);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Inspector roster: {Added} officers added from seeds/spot-checks.json")]
    private static partial void LogSeeded(ILogger logger, int added);
}
