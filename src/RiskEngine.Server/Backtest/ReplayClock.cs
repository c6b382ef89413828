namespace RiskEngine.Server.Backtest;

/// <summary>
/// The engine's clock during a backtest's replay: it reads whatever time the replay has reached, so scores, decay and
/// the ingest API's "not in the future" check follow the data's own dates (see <see cref="Hosting.EngineClock"/>).
/// </summary>
public sealed class ReplayClock(DateTimeOffset start) : TimeProvider
{
    private long _utcTicks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    /// <summary>Moves the clock to <paramref name="at"/> (never back).</summary>
    public void AdvanceTo(DateTimeOffset at)
    {
        long current;
        do
        {
            current = Interlocked.Read(ref _utcTicks);
            if (at.UtcTicks <= current)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _utcTicks, at.UtcTicks, current) != current);
    }
}
