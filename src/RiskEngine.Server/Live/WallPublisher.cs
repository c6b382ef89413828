using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using RiskEngine.Abstractions;
using RiskEngine.Domain;
using RiskEngine.Domain.Alerts;
using RiskEngine.Server.Alerts;
using RiskEngine.Server.Districts;
using RiskEngine.Storage.Alerts;

namespace RiskEngine.Server.Live;

/// <summary>
/// This server's end of the live push. It subscribes to the wall feed as an <see cref="IWallObserver"/>, keeps the
/// latest summary of every district, and every <see cref="LiveOptions.CoalesceInterval"/> sends one complete
/// <see cref="WallFrame"/> per changed scope to the SignalR group of that scope. It also re-reads every district now
/// and then, so a lost notification or a registration (which changes counts without a report) still reaches the wall.
/// </summary>
public sealed partial class WallPublisher(
    IGrainFactory grains,
    IHubContext<RiskHub> hub,
    RiskCatalog catalog,
    AlertRuleSet rules,
    AlertStore alerts,
    ThroughputMeter throughput,
    RiskEngine.Grains.EngineMetrics metrics,
    RiskEngine.Grains.Dispatch.SignalDispatcher dispatcher,
    ILocalSiloDetails silo,
    IOptions<LiveOptions> options,
    TimeProvider clock,
    ILogger<WallPublisher> logger) : BackgroundService, IWallObserver
{
    private const int CityTopCount = 10;
    private const int TrendCapacity = 360;

    // Unchanged progress is sent again this often, so a district that just activated hears from every server soon (it
    // holds its watermark until it has), and a server the districts stop hearing from is one that cannot report.
    private static readonly TimeSpan ProgressRepeat = TimeSpan.FromSeconds(1);

    private readonly string _host = Guid.NewGuid().ToString("N");
    private readonly ConcurrentDictionary<string, DistrictSummary> _districts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _dirty = new(StringComparer.Ordinal);
    private readonly Queue<TrendPoint> _trend = new();
    private readonly Lock _trendGate = new();
    private IReadOnlyDictionary<string, long> _openAlerts = new Dictionary<string, long>();
    private long _signalsPerMinute;
    private long _version;
    private volatile bool _alertsChanged = true;
    private RiskEngine.Grains.Dispatch.AppliedProgress _sentProgress;
    private DateTimeOffset _progressDue;

    public Task OnDistrictChangedAsync(DistrictSummary summary)
    {
        Remember(summary);
        return Task.CompletedTask;
    }

    public async Task OnAlertChangedAsync(AlertView alert, bool escalated)
    {
        _alertsChanged = true;
        var response = AlertResponse.From(alert, rules);
        try
        {
            await hub.Clients.Groups(WallScope.CityName, WallScope.GroupOf(alert.District)).SendAsync("alert", response);
            if (escalated)
            {
                await hub.Clients.Groups(RiskHub.EscalationsGroup, RiskHub.EscalationsGroupOf(alert.District)).SendAsync("escalation", response);
            }
        }
        catch (Exception error)
        {
            LogPushFailed(logger, error, "alert");
        }
    }

    public Task OnThroughputAsync(long signalsPerMinute)
    {
        if (Interlocked.Exchange(ref _signalsPerMinute, signalsPerMinute) != signalsPerMinute)
        {
            _dirty[WallScope.CityName] = true;
            foreach (var district in catalog.Districts)
            {
                _dirty[WallScope.GroupOf(district.Code)] = true;
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>The current frame of <paramref name="scope"/>, read fresh from the grains (a watcher's first frame).</summary>
    public async Task<WallFrame> SnapshotAsync(WallScope scope)
    {
        if (scope.District is { } code)
        {
            Remember(await grains.GetDistrict(code).GetSummaryAsync(), markDirty: false);
        }
        else
        {
            foreach (var summary in (await grains.GetGrain<ICityGrain>(0).GetSummaryAsync()).Districts)
            {
                Remember(summary, markDirty: false);
            }
        }

        return Frame(scope);
    }

    public IReadOnlyList<TrendPoint> Trend()
    {
        lock (_trendGate)
        {
            return [.. _trend];
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var self = grains.CreateObjectReference<IWallObserver>(this);
        var settings = options.Value;
        var nextRenewal = DateTimeOffset.MinValue;
        var nextRefresh = DateTimeOffset.MinValue;
        var nextAlertCount = DateTimeOffset.MinValue;
        var nextTrend = clock.GetUtcNow() + settings.TrendInterval;
        using var ticker = new PeriodicTimer(settings.CoalesceInterval, clock);
        try
        {
            while (await ticker.WaitForNextTickAsync(stoppingToken))
            {
                var now = clock.GetUtcNow();
                try
                {
                    if (now >= nextRenewal)
                    {
                        var feed = grains.GetGrain<IWallFeedGrain>(0);
                        await feed.SubscribeAsync(_host, self);
                        await feed.ReportThroughputAsync(_host, throughput.LastMinute());
                        nextRenewal = now + settings.RenewInterval;
                    }

                    if (now >= nextRefresh)
                    {
                        await RefreshAsync();
                        nextRefresh = now + settings.RefreshInterval;
                    }

                    await AdvanceDistrictsAsync(now);
                    // Counted at most once per refresh: in an alert storm every tick saw a change, and counting on each one held
                    // the frames of every district behind a query over all open alerts (a soak's wall fell minutes behind).
                    if (_alertsChanged && now >= nextAlertCount)
                    {
                        _alertsChanged = false;
                        nextAlertCount = now + settings.RefreshInterval;
                        await CountOpenAlertsAsync(stoppingToken);
                    }

                    await SendDirtyAsync();
                    if (now >= nextTrend)
                    {
                        RecordTrend(now);
                        nextTrend = now + settings.TrendInterval;
                    }
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    // The silo may still be starting, or a grain's silo just died: try again next tick.
                    LogTickFailed(logger, error);
                    nextRenewal = DateTimeOffset.MinValue;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            try
            {
                await grains.GetGrain<IWallFeedGrain>(0).UnsubscribeAsync(_host).WaitAsync(TimeSpan.FromSeconds(2), CancellationToken.None);
                grains.DeleteObjectReference<IWallObserver>(self);
            }
            catch (Exception error)
            {
                LogPushFailed(logger, error, "unsubscribe");
            }
        }
    }

    /// <summary>
    /// Tells every district how far this server's signals are applied, so frames carry a <c>maxIngestedAt</c> that
    /// every signal ingested before it is reflected in, whether or not it moved a level: progress goes from here to the
    /// districts, which combine every server's, and comes back in their summaries. Sent when it changes, and again every
    /// <see cref="ProgressRepeat"/>; also while nothing was ever ingested here (idle), since a district waits for every
    /// active server.
    /// </summary>
    private async Task AdvanceDistrictsAsync(DateTimeOffset now)
    {
        var progress = dispatcher.Progress();
        if (progress == _sentProgress && now < _progressDue)
        {
            return;
        }

        await Task.WhenAll(catalog.Districts.Select(d => grains.GetDistrict(d.Code).AdvanceAppliedAsync(silo.SiloAddress, progress.AppliedThrough, progress.Idle)));
        _sentProgress = progress;
        _progressDue = now + ProgressRepeat;
    }

    private void Remember(DistrictSummary summary, bool markDirty = true)
    {
        var changed = true;
        _districts.AddOrUpdate(summary.Code, summary, (_, previous) =>
        {
            changed = !SameFigures(previous, summary);
            return Newer(previous, summary) ? summary : previous;
        });
        if (changed && markDirty)
        {
            _dirty[WallScope.CityName] = true;
            _dirty[WallScope.GroupOf(summary.Code)] = true;
        }
    }

    private static bool Newer(DistrictSummary previous, DistrictSummary candidate) =>
        (candidate.MaxIngestedAt ?? DateTimeOffset.MinValue) >= (previous.MaxIngestedAt ?? DateTimeOffset.MinValue);

    private static bool SameFigures(DistrictSummary a, DistrictSummary b) =>
        a.Counts == b.Counts && a.MaxIngestedAt == b.MaxIngestedAt && a.Top.SequenceEqual(b.Top);

    private async Task RefreshAsync()
    {
        foreach (var summary in (await grains.GetGrain<ICityGrain>(0).GetSummaryAsync()).Districts)
        {
            Remember(summary);
        }
    }

    private async Task CountOpenAlertsAsync(CancellationToken cancellationToken)
    {
        var open = await alerts.OpenByDistrictAsync(cancellationToken);
        if (!open.OrderBy(p => p.Key).SequenceEqual(_openAlerts.OrderBy(p => p.Key)))
        {
            _openAlerts = open;
            _dirty[WallScope.CityName] = true;
            foreach (var district in open.Keys)
            {
                _dirty[WallScope.GroupOf(district)] = true;
            }
        }
    }

    private async Task SendDirtyAsync()
    {
        foreach (var scopeName in _dirty.Keys)
        {
            if (!_dirty.TryRemove(scopeName, out _) || !WallScope.TryParse(scopeName, out var scope))
            {
                continue;
            }

            var started = clock.GetTimestamp();
            await hub.Clients.Group(scope.Name).SendAsync("delta", Frame(scope));
            metrics.RecordFrameSent(clock.GetElapsedTime(started));
        }
    }

    private WallFrame Frame(WallScope scope)
    {
        var summaries = scope.District is { } code
            ? _districts.TryGetValue(code, out var one) ? [one] : [new DistrictSummary(code, LevelCounts.Zero, [], null)]
            : catalog.Districts.Select(d => _districts.TryGetValue(d.Code, out var known) ? known : new DistrictSummary(d.Code, LevelCounts.Zero, [], null)).ToArray();
        var counts = summaries.Aggregate(LevelCounts.Zero, (sum, d) => sum.Add(d.Counts));
        var ranked = summaries.SelectMany(d => d.Top)
            .OrderByDescending(s => s.Score).ThenBy(s => s.Id, StringComparer.Ordinal)
            .ToArray();
        RankedSubjectResponse[] TopOf(Func<RankedSubject, bool> which) =>
            ranked.Where(which).Take(CityTopCount).Select(DistrictEndpoints.ToResponse).ToArray();
        var top = TopOf(_ => true);
        var maxIngested = summaries.Max(d => d.MaxIngestedAt);
        var open = summaries.Sum(d => _openAlerts.GetValueOrDefault(d.Code));
        return new WallFrame(
            scope.Name,
            NextVersion(),
            clock.GetUtcNow(),
            maxIngested,
            DistrictEndpoints.ToResponse(counts),
            counts.Total,
            top,
            summaries.Select(d => DistrictEndpoints.ToResponse(d, catalog)).ToArray(),
            Interlocked.Read(ref _signalsPerMinute),
            open,
            TopOf(s => s.Kind == SubjectKind.Entity),
            TopOf(s => s.Kind == SubjectKind.Equipment));
    }

    private long NextVersion()
    {
        // Wall-clock based, so a client that reconnects to another server still sees versions rise.
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        while (true)
        {
            var last = Interlocked.Read(ref _version);
            var next = Math.Max(last + 1, now);
            if (Interlocked.CompareExchange(ref _version, next, last) == last)
            {
                return next;
            }
        }
    }

    private void RecordTrend(DateTimeOffset now)
    {
        var counts = _districts.Values.Aggregate(LevelCounts.Zero, (sum, d) => sum.Add(d.Counts));
        var point = new TrendPoint(now, counts.Blue, counts.Yellow, counts.Orange, counts.Red, Interlocked.Read(ref _signalsPerMinute), _openAlerts.Values.Sum());
        lock (_trendGate)
        {
            _trend.Enqueue(point);
            while (_trend.Count > TrendCapacity)
            {
                _trend.Dequeue();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Wall publisher tick failed; retrying")]
    private static partial void LogTickFailed(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Wall publisher: {What} failed")]
    private static partial void LogPushFailed(ILogger logger, Exception error, string what);
}
