using System.Net;
using System.Net.Http.Headers;
using System.Text;
using RiskEngine.Server.Tests.Client;
using RiskEngine.Server.Tests.Hosting;

namespace RiskEngine.Server.Tests.Ingest;

/// <summary>Too large a body or batch is 413, too many requests 429 with Retry-After; each test has a key (and rate bucket) of its own.</summary>
public sealed class IngestLimitsTests(LimitedEngineServerFixture fixture) : IClassFixture<LimitedEngineServerFixture>
{
    private readonly SignalJson _signals = SignalJson.ForNewSource();

    [Fact]
    public async Task A_body_over_the_limit_is_a_payload_too_large_problem()
    {
        using var api = Api(0);
        var body = LargeBatch();

        using var response = await api.PostRawAsync("/api/v1/signals", body, "application/json");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains(LimitedEngineServerFixture.MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), problem.Detail);
    }

    [Fact]
    public async Task A_streamed_body_without_a_length_is_cut_off_at_the_limit_too()
    {
        using var api = Api(1);
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(LargeBatch())));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/signals") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await api.Http.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task More_items_than_allowed_is_a_payload_too_large_problem_and_nothing_is_kept()
    {
        using var api = Api(2);
        var entity = TestSubjects.Uscc();
        var batch = Enumerable.Range(0, LimitedEngineServerFixture.MaxItemsPerRequest + 1).Select(_ => _signals.Complaint(entity)).ToArray();

        using var response = await api.PostSignalsAsync(batch);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("items", problem.Detail);
        using var read = await api.Http.GetAsync($"/api/v1/entities/{entity}");
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task More_ndjson_lines_than_allowed_is_a_payload_too_large_problem()
    {
        using var api = Api(3);
        var entity = TestSubjects.Uscc();
        var lines = Enumerable.Range(0, LimitedEngineServerFixture.MaxItemsPerRequest + 1).Select(_ => _signals.Complaint(entity).ToJsonString());

        using var response = await api.PostRawAsync("/api/v1/signals", string.Join('\n', lines), EngineApi.NdjsonMediaType);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_batch_at_the_item_limit_is_accepted()
    {
        using var api = Api(4);
        var entity = TestSubjects.Uscc();
        var batch = Enumerable.Range(0, LimitedEngineServerFixture.MaxItemsPerRequest).Select(_ => _signals.Complaint(entity)).ToArray();

        var answer = await api.IngestAsync(batch);

        Assert.Equal(LimitedEngineServerFixture.MaxItemsPerRequest, answer.Accepted);
    }

    [Fact]
    public async Task Requests_over_the_rate_limit_are_told_to_retry_later()
    {
        using var api = Api(5);
        var entity = TestSubjects.Uscc();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < LimitedEngineServerFixture.RequestBurst + 3 && limited is null; i++)
        {
            var response = await api.PostSignalsAsync([_signals.Complaint(entity)]);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.NotNull(limited);
        using (limited)
        {
            Assert.True(statuses.Count(s => s == HttpStatusCode.Accepted) >= LimitedEngineServerFixture.RequestBurst - 1, string.Join(", ", statuses));
            await ProblemAssert.IsProblemAsync(limited, HttpStatusCode.TooManyRequests);
            var retryAfter = limited.Headers.RetryAfter?.Delta;
            Assert.NotNull(retryAfter);
            Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
        }
    }

    [Fact]
    public async Task The_rate_limit_of_one_credential_does_not_stop_another()
    {
        using var greedy = Api(6);
        using var other = Api(7);
        var entity = TestSubjects.Uscc();
        var greedyStatus = HttpStatusCode.Accepted;
        for (var i = 0; i < 10 && greedyStatus != HttpStatusCode.TooManyRequests; i++)
        {
            using var answer = await greedy.PostSignalsAsync([_signals.Complaint(entity)]);
            greedyStatus = answer.StatusCode;
        }

        using var response = await other.PostSignalsAsync([_signals.Complaint(entity)]);

        Assert.Equal(HttpStatusCode.TooManyRequests, greedyStatus);
        await EngineApi.ExpectStatusAsync(response, HttpStatusCode.Accepted);
    }

    private EngineApi Api(int key) => new(fixture.Server.CreateClient(TestApiKeys.Isolated(key)));

    private string LargeBatch()
    {
        var entity = TestSubjects.Uscc();
        var batch = SignalJson.Batch([_signals.Signal("complaint", entity, new() { ["category"] = new string('x', LimitedEngineServerFixture.MaxBodyBytes) })]);
        return batch.ToJsonString();
    }
}
