using RiskEngine.Domain;
using RiskEngine.Server.Live;
using RiskEngine.Storage;

namespace RiskEngine.Server.Targets;

/// <summary>
/// Sampling results (抽检) this server logged, per day over the last 30 days, for the food-sampling pass rate. It hears
/// every commit of the log, so the demo feed counts as much as a lab's upload; counting as signals arrive keeps the wall
/// off a scan of the whole log. What this server logged before its last start is not in it.
/// </summary>
public sealed class SamplingTally(TimeProvider clock) : ISignalCommitListener
{
    public const int Days = 30;

    private const int Passed = 0;
    private const int Failed = 1;
    private readonly RollingCounts _days = new(Days, counts: 2);

    public void OnCommitted(IReadOnlyList<LoggedSignal> signals)
    {
        var day = clock.GetUtcNow().ToUnixTimeSeconds() / 86_400;
        foreach (var signal in signals)
        {
            if (signal.Kind == SignalKind.Sampling)
            {
                // The log's canonical facts begin with the result: {"result":"fail",...}.
                var failed = signal.Data.StartsWith("{\"result\":\"fail\"", StringComparison.Ordinal);
                _days.Add(day, 1, failed ? Failed : Passed);
            }
        }
    }

    /// <summary>Samples passed and failed over the last 30 days.</summary>
    public (long Passed, long Failed) LastDays()
    {
        var today = clock.GetUtcNow().ToUnixTimeSeconds() / 86_400;
        return (_days.Sum(today, Passed), _days.Sum(today, Failed));
    }
}
