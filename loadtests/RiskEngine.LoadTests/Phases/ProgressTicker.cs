using Spectre.Console;

namespace RiskEngine.LoadTests.Phases;

/// <summary>
/// Shows a phase's progress once a second while it runs; stops when disposed. On a terminal it is one live line
/// (Spectre.Console) redrawn in place, and its last state stays in the scrollback; when the output is a file or a
/// pipe (CI, <c>| tee</c>), where a redrawn line would be noise, it is one plain line per second as before.
/// </summary>
public sealed class ProgressTicker : IAsyncDisposable, IDisposable
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private ProgressTicker(Func<string> describe, bool live) =>
        _loop = live ? RunLiveAsync(describe, _stop.Token) : RunPlainAsync(describe, _stop.Token);

    public static ProgressTicker Start(Func<string> describe) =>
        new(describe, live: !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive);

    private static async Task RunPlainAsync(Func<string> describe, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(Period);
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

    private static async Task RunLiveAsync(Func<string> describe, CancellationToken stop)
    {
        string? last = null;
        await AnsiConsole.Live(new Text("")).AutoClear(true).StartAsync(async context =>
        {
            using var timer = new PeriodicTimer(Period);
            try
            {
                while (await timer.WaitForNextTickAsync(stop))
                {
                    last = describe();
                    context.UpdateTarget(new Text(last));
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
        });
        if (last is not null)
        {
            Console.WriteLine(last);
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
