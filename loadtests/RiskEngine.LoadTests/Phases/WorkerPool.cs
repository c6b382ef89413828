namespace RiskEngine.LoadTests.Phases;

/// <summary>
/// Runs <c>workers</c> copies of a baseline's loop against one <see cref="MeasurementWindow"/> and meters the
/// machine's CPU over the measured span (PostgreSQL's processes apart): the first failure stops the others and is the one reported.
/// </summary>
public static class WorkerPool
{
    public static async Task<Reporting.CpuUsage?> RunAsync(
        int workers, MeasurementWindow window, Func<int, CancellationToken, Task> worker, Func<string> describe, CancellationToken cancellationToken)
    {
        var cpu = new CpuMeter([], meterDatabase: true);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await using (ProgressTicker.Start(describe))
        {
            var meterStarted = StartAfterAsync(cpu, window.WarmupEnd, stop.Token);
            var tasks = Enumerable.Range(0, workers).Select(index => Task.Run(async () =>
            {
                try
                {
                    await worker(index, stop.Token);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                }
                catch
                {
                    await stop.CancelAsync();
                    throw;
                }
            }, CancellationToken.None)).ToArray();
            try
            {
                await Task.WhenAll(tasks);
            }
            catch when (tasks.Any(t => t.IsFaulted))
            {
                throw tasks.First(t => t.IsFaulted).Exception!.InnerExceptions[0];
            }

            cancellationToken.ThrowIfCancellationRequested();
            await stop.CancelAsync();
            await meterStarted;
        }

        return cpu.Stop();
    }

    private static async Task StartAfterAsync(CpuMeter meter, TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken);
            meter.Start();
        }
        catch (OperationCanceledException)
        {
            // Stopped before the measured span began (or right at its end): nothing more to start.
        }
    }
}
