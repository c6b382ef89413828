using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using RiskEngine.Abstractions;
using RiskEngine.Domain.Alerts;

namespace RiskEngine.Grains.Alerts;

/// <summary>
/// Carries subjects' alert raises to their alert grains, off the path that applies signals. Raising commits the alert with
/// its audit entry; in a storm thousands of alerts open at once, and a fold that waited for its raises held its subject
/// and its delivery slot for seconds. Raises of one alert stay in order (one lane per alert, by hash); a raise that fails
/// is retried until it is taken, since raising twice is a repeat. Bounded: when the lanes are full, whoever queues waits,
/// and the backlog that builds up behind it makes the ingest API refuse new signals.
/// <para>
/// Held in memory, as a subject's own queue was: a raise not yet taken when the server dies is lost with it (its signal is
/// applied and stored), and the alert opens with the subject's next signal or level change.
/// </para>
/// </summary>
public sealed partial class AlertOutbox : IAsyncDisposable
{
    private const int Lanes = 32;
    private const int LaneCapacity = 4096;
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(30);

    private readonly IGrainFactory _grains;
    private readonly ILogger<AlertOutbox> _logger;
    private readonly Channel<AlertRaise>[] _lanes;
    private readonly Task[] _senders;
    private readonly CancellationTokenSource _stopping = new();
    private long _pending;

    public AlertOutbox(IGrainFactory grains, ILogger<AlertOutbox> logger)
    {
        _grains = grains;
        _logger = logger;
        _lanes = new Channel<AlertRaise>[Lanes];
        _senders = new Task[Lanes];
        for (var i = 0; i < Lanes; i++)
        {
            var lane = Channel.CreateBounded<AlertRaise>(new BoundedChannelOptions(LaneCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
            _lanes[i] = lane;
            _senders[i] = Task.Run(() => SendAsync(lane.Reader));
        }
    }

    /// <summary>Raises queued and not yet taken by their alert grains.</summary>
    public long Pending => Interlocked.Read(ref _pending);

    /// <summary>Queues the raises; completes once each is queued (at once unless its lane is full).</summary>
    public async ValueTask QueueAsync(IReadOnlyList<AlertRaise> raises)
    {
        foreach (var raise in raises)
        {
            var alertId = AlertCase.IdOf(raise.Rule, raise.SubjectId);
            var lane = _lanes[(uint)StringComparer.Ordinal.GetHashCode(alertId) % Lanes];
            Interlocked.Increment(ref _pending);
            await lane.Writer.WriteAsync(raise, _stopping.Token).ConfigureAwait(false);
        }
    }

    private async Task SendAsync(ChannelReader<AlertRaise> lane)
    {
        try
        {
            await foreach (var raise in lane.ReadAllAsync(_stopping.Token).ConfigureAwait(false))
            {
                await RaiseUntilTakenAsync(raise).ConfigureAwait(false);
                Interlocked.Decrement(ref _pending);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }

    private async Task RaiseUntilTakenAsync(AlertRaise raise)
    {
        var wait = FirstRetry;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _grains.GetGrain<IAlertGrain>(AlertCase.IdOf(raise.Rule, raise.SubjectId)).RaiseAsync(raise).WaitAsync(_stopping.Token).ConfigureAwait(false);
                return;
            }
            catch (Exception error) when (error is not OperationCanceledException || !_stopping.IsCancellationRequested)
            {
                LogRetry(_logger, error, raise.Rule, raise.SubjectId, attempt);
                await Task.Delay(wait, _stopping.Token).ConfigureAwait(false);
                wait = wait * 2 < LongestRetry ? wait * 2 : LongestRetry;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var lane in _lanes)
        {
            lane.Writer.TryComplete();
        }

        // Disposed with the container, once the silo is down: nothing queued can reach an alert grain any more, and it is
        // dropped with the process (see the remarks above).
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_senders).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Raising alert {Rule} of {Subject} failed (attempt {Attempt}); will retry")]
    private static partial void LogRetry(ILogger logger, Exception error, string rule, string subject, int attempt);
}
