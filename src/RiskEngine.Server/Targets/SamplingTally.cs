using RiskEngine.Domain;
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

    private readonly long[] _passed = new long[Days];
    private readonly long[] _failed = new long[Days];
    private readonly long[] _day = new long[Days];
    private readonly Lock _gate = new();

    public void OnCommitted(IReadOnlyList<LoggedSignal> signals)
    {
        var day = clock.GetUtcNow().ToUnixTimeSeconds() / 86_400;
        foreach (var signal in signals)
        {
            if (signal.Kind != SignalKind.Sampling)
            {
                continue;
            }

            // The log's canonical facts begin with the result: {"result":"fail",...}.
            var failed = signal.Data.StartsWith("{\"result\":\"fail\"", StringComparison.Ordinal);
            var slot = (int)(day % Days);
            lock (_gate)
            {
                if (_day[slot] != day)
                {
                    (_day[slot], _passed[slot], _failed[slot]) = (day, 0, 0);
                }

                if (failed)
                {
                    _failed[slot]++;
                }
                else
                {
                    _passed[slot]++;
                }
            }
        }
    }

    /// <summary>Samples passed and failed over the last 30 days.</summary>
    public (long Passed, long Failed) LastDays()
    {
        var today = clock.GetUtcNow().ToUnixTimeSeconds() / 86_400;
        long passed = 0, failed = 0;
        lock (_gate)
        {
            for (var slot = 0; slot < Days; slot++)
            {
                if (today - _day[slot] < Days)
                {
                    passed += _passed[slot];
                    failed += _failed[slot];
                }
            }
        }

        return (passed, failed);
    }
}
