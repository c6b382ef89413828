namespace RiskEngine.LoadTests.Phases;

/// <summary>Prints one progress line per second while a phase runs; stops when disposed.</summary>
public sealed class ProgressTicker : IAsyncDisposable, IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private ProgressTicker(Func<string> describe) => _loop = RunAsync(describe, _stop.Token);

    public static ProgressTicker Start(Func<string> describe) => new(describe);

    private static async Task RunAsync(Func<string> describe, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                Console.WriteLine(describe());
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    /// <summary>For synchronous phases: stops the ticker and waits for its last line.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _loop.GetAwaiter().GetResult();
        _stop.Dispose();
    }
}
