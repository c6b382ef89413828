using System.Diagnostics;
using RiskEngine.LoadTests.Api;

namespace RiskEngine.LoadTests.Stats;

/// <summary>
/// Reads every server's GET /api/v1/system/stats every few seconds while the run goes on, and keeps the sums as a
/// series labelled with what the run was doing, with what the servers keep on disk when told where to look. A server that answers 404 has no stats endpoint: sampling stops
/// and the report says why instead of showing a flat line.
/// </summary>
public sealed class ServerStatsSampler : IAsyncDisposable
{
    private readonly IReadOnlyList<EngineApi> _apis;
    private readonly TimeSpan _interval;
    private readonly Stopwatch _runClock;
    private readonly StorageFootprint? _storage;
    private readonly List<StatsSample> _samples = [];
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private volatile string _stage = "registered";
    private bool _disposed;

    public ServerStatsSampler(IReadOnlyList<EngineApi> apis, TimeSpan interval, Stopwatch runClock, StorageFootprint? storage = null)
    {
        _apis = apis;
        _interval = interval;
        _runClock = runClock;
        _storage = storage;
    }

    /// <summary>Why there is no series, when there is none (e.g. "HTTP 404: the server has no /api/v1/system/stats").</summary>
    public string? Unavailable { get; private set; }

    public string Stage
    {
        get => _stage;
        set => _stage = value;
    }

    public IReadOnlyList<StatsSample> Samples
    {
        get
        {
            lock (_lock)
            {
                return [.. _samples];
            }
        }
    }

    public void Start() => _loop = RunAsync(_stop.Token);

    /// <summary>Takes one reading now (e.g. the idle one just before traffic) and returns it; null when none could be had.</summary>
    public async Task<StatsSample?> SampleNowAsync(CancellationToken cancellationToken)
    {
        if (Unavailable is not null)
        {
            return null;
        }

        var sent = _runClock.Elapsed;
        var answers = await Task.WhenAll(_apis.Select(api => api.GetStatsAsync(cancellationToken)));
        var stats = answers.Where(a => a.Answer is not null).Select(a => a.Answer!).ToArray();
        if (stats.Length == 0)
        {
            var first = answers[0];
            if (first.Status is 404 or 401 or 403)
            {
                Unavailable = $"HTTP {first.Status} from /api/v1/system/stats: no memory or activation series";
            }

            return null;
        }

        // Stamped halfway through the requests: a busy server may take a second to answer, and its counts are from
        // somewhere in between; stamping the answer's arrival would stretch the span a rate is computed over.
        var answered = _runClock.Elapsed;
        var sample = StatsSample.Sum(Math.Round(((sent + answered) / 2).TotalSeconds, 2), _stage, stats);
        if (_storage is not null)
        {
            sample = sample with { StorageBytes = await _storage.ReadAsync(cancellationToken) };
        }

        lock (_lock)
        {
            _samples.Add(sample);
        }

        return sample;
    }

    private async Task RunAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(_interval);
        try
        {
            do
            {
                await SampleNowAsync(stop);
            }
            while (Unavailable is null && await timer.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>Stops sampling; safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }

        _stop.Dispose();
    }
}
