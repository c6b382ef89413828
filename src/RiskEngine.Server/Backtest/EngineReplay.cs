using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using RiskEngine.Domain;
using RiskEngine.Domain.Learning;
using RiskEngine.Server.Hosting;

namespace RiskEngine.Server.Backtest;

/// <summary>
/// Replays a backtest's files through a real embedded engine in a temporary folder: the engine's clock is a
/// <see cref="ReplayClock"/> moved day by day through the data's own dates (the history time-shifted to "now" as the
/// engine sees it), every entity is registered first, each day's signals are posted to the ingest API, and every outcome
/// is scored by reading its subject over HTTP at the start of its day, before that day's signals. The live scores are
/// the seeded engine's answer; the backtest sets them beside its own replay's, which they must match.
/// </summary>
public sealed class EngineReplay : IAsyncDisposable
{
    private static readonly TimeSpan ApplyTimeout = TimeSpan.FromSeconds(30);
    private const int BatchSize = 5_000;

    private readonly WebApplication _app;
    private readonly HttpClient _http;
    private readonly DirectoryInfo _data;
    private readonly ReplayClock _clock;

    private EngineReplay(WebApplication app, HttpClient http, DirectoryInfo data, ReplayClock clock)
    {
        _app = app;
        _http = http;
        _data = data;
        _clock = clock;
    }

    /// <summary>Starts an engine on loopback with its own data folder, a fresh API key and <paramref name="clock"/>.</summary>
    public static async Task<EngineReplay> StartAsync(string seedsDirectory, ReplayClock clock, CancellationToken cancellationToken)
    {
        var data = Directory.CreateTempSubdirectory("riskengine-backtest-");
        var key = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Storage:DataDirectory"] = data.FullName,
            ["Seeds:Directory"] = seedsDirectory,
            ["Demo:Enabled"] = "false",
            ["Auth:ApiKeys:0:Name"] = "backtest",
            ["Auth:ApiKeys:0:Key"] = key,
            ["Auth:ApiKeys:0:Scopes:0"] = "ingest",
            ["Auth:ApiKeys:0:Scopes:1"] = "read",
            ["Ingest:RequestsPerSecond"] = "100000",
            ["Ingest:RequestBurst"] = "100000",
            // The backtest fits on its own time split; the engine must not refit from the replay meanwhile.
            ["Model:RefitAfterOutcomes"] = int.MaxValue.ToString(CultureInfo.InvariantCulture),
            ["Model:MinNewOutcomes"] = int.MaxValue.ToString(CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Error",
            ["Logging:LogLevel:Orleans"] = "Error",
        });
        builder.Services.AddEngineClock(clock);
        builder.AddRiskEngine();
        var app = builder.Build();
        app.MapRiskEngine();
        try
        {
            await app.StartAsync(cancellationToken);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(2) };
            http.DefaultRequestHeaders.Add("X-Api-Key", key);
            var replay = new EngineReplay(app, http, data, clock);
            await replay.WaitUntilReadyAsync(cancellationToken);
            return replay;
        }
        catch
        {
            await app.DisposeAsync();
            data.Delete(recursive: true);
            throw;
        }
    }

    /// <summary>The engine's live score (0-1) of every outcome, read at the start of the outcome's day.</summary>
    public async Task<IReadOnlyDictionary<LabelledDate, double>> ScoreAsync(
        BacktestInputs inputs, string industry, TimeSpan dayOffset, IProgress<int> progress, CancellationToken cancellationToken)
    {
        await RegisterAsync(inputs.Signals.Select(s => s.SubjectId).Where(IsEntity).Distinct(StringComparer.Ordinal), industry, cancellationToken);
        DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(dayOffset).DateTime);
        var signalsByDay = inputs.Signals.Select((s, i) => (s.SubjectId, s.Event.OccurredAt, Line: inputs.Lines[i]))
            .GroupBy(s => Day(s.OccurredAt)).ToDictionary(g => g.Key, g => g.ToArray());
        var outcomesByDay = inputs.Outcomes.Where(o => IsEntity(o.SubjectId)).GroupBy(o => Day(o.At)).ToDictionary(g => g.Key, g => g.ToArray());
        var applied = new Dictionary<string, int>(StringComparer.Ordinal);
        var scores = new Dictionary<LabelledDate, double>();
        foreach (var day in signalsByDay.Keys.Concat(outcomesByDay.Keys).Distinct().Order())
        {
            cancellationToken.ThrowIfCancellationRequested();
            _clock.AdvanceTo(new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), dayOffset));
            foreach (var outcome in outcomesByDay.GetValueOrDefault(day) ?? [])
            {
                scores[outcome] = await ReadScoreAsync(outcome.SubjectId, applied.GetValueOrDefault(outcome.SubjectId), cancellationToken) / 100;
                if (scores.Count % 1000 == 0)
                {
                    progress.Report(scores.Count);
                }
            }

            _clock.AdvanceTo(new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), dayOffset));
            foreach (var batch in (signalsByDay.GetValueOrDefault(day) ?? []).Chunk(BatchSize))
            {
                await PostAsync("/api/v1/signals", string.Join('\n', batch.Select(s => s.Line)), "application/x-ndjson", cancellationToken);
                foreach (var signal in batch)
                {
                    applied[signal.SubjectId] = applied.GetValueOrDefault(signal.SubjectId) + 1;
                }
            }
        }

        progress.Report(scores.Count);
        return scores;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        try
        {
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _app.StopAsync(stopping.Token);
        }
        finally
        {
            await _app.DisposeAsync();
            _data.Delete(recursive: true);
        }
    }

    private static bool IsEntity(string subjectId) => Uscc.TryParse(subjectId, out _, out _);

    private async Task RegisterAsync(IEnumerable<string> entities, string industry, CancellationToken cancellationToken)
    {
        foreach (var batch in entities.Chunk(BatchSize))
        {
            var body = new JsonArray(batch.Select(uscc => (JsonNode)new JsonObject { ["uscc"] = uscc, ["industry"] = industry }).ToArray());
            await PostAsync("/api/v1/entities", body.ToJsonString(), "application/json", cancellationToken);
        }
    }

    /// <summary>The subject's score once the engine has applied the <paramref name="signals"/> posted for it so far.</summary>
    private async Task<double> ReadScoreAsync(string subjectId, int signals, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + ApplyTimeout;
        while (true)
        {
            using var response = await _http.GetAsync($"/api/v1/entities/{subjectId}", cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                using var read = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                if (read.RootElement.GetProperty("signalCount").GetInt32() >= signals || DateTime.UtcNow > deadline)
                {
                    return read.RootElement.GetProperty("score").GetDouble();
                }
            }
            else if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"the engine answered {(int)response.StatusCode} reading {subjectId}");
            }

            await Task.Delay(5, cancellationToken);
        }
    }

    private async Task PostAsync(string path, string body, string mediaType, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var content = new StringContent(body, Encoding.UTF8, mediaType);
            using var response = await _http.PostAsync(path, content, cancellationToken);
            if (response.StatusCode is System.Net.HttpStatusCode.ServiceUnavailable or System.Net.HttpStatusCode.TooManyRequests)
            {
                // The engine is catching up: as any client, wait as it says and send the same batch again.
                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromMilliseconds(200), cancellationToken);
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"the engine answered {(int)response.StatusCode} to {path}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }

            return;
        }
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                using var response = await _http.GetAsync("/health/ready", cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                // Still starting.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException("the replay engine did not become ready within 60 s");
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}
