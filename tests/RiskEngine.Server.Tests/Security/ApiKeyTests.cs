using System.Net;
using RiskEngine.Server.Tests.Client;
using RiskEngine.Server.Tests.Hosting;

namespace RiskEngine.Server.Tests.Security;

/// <summary>Least privilege: no key or an unknown key is 401, a key without the scope is 403, both as problem details.</summary>
public sealed class ApiKeyTests(EngineServerFixture fixture) : IClassFixture<EngineServerFixture>
{
    private readonly SignalJson _signals = SignalJson.ForNewSource();

    [Fact]
    public async Task Posting_signals_without_a_key_is_unauthorized_and_nothing_is_kept()
    {
        var entity = TestSubjects.Uscc();
        using var anonymous = Api(apiKey: null);

        using var response = await anonymous.PostSignalsAsync([_signals.Complaint(entity)]);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        await AssertUnknownAsync(entity);
    }

    [Fact]
    public async Task Posting_signals_with_an_unknown_key_is_unauthorized_and_nothing_is_kept()
    {
        var entity = TestSubjects.Uscc();
        using var stranger = Api(TestApiKeys.Unknown);

        using var response = await stranger.PostSignalsAsync([_signals.Complaint(entity)]);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        await AssertUnknownAsync(entity);
    }

    [Fact]
    public async Task Reading_with_an_unknown_key_is_unauthorized()
    {
        using var stranger = Api(TestApiKeys.Unknown);

        using var response = await stranger.Http.GetAsync($"/api/v1/entities/{TestSubjects.Uscc()}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_read_only_key_may_not_post_signals_or_registrations()
    {
        var entity = TestSubjects.Uscc();
        using var reader = Api(TestApiKeys.ReadOnly);

        using var signals = await reader.PostSignalsAsync([_signals.Complaint(entity)]);
        using var entities = await reader.PostJsonAsync("/api/v1/entities", Registrations.Entities(Registrations.Entity(entity, "只读店")));

        await ProblemAssert.IsProblemAsync(signals, HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(entities, HttpStatusCode.Forbidden);
        await AssertUnknownAsync(entity);
    }

    [Fact]
    public async Task A_read_only_key_may_read()
    {
        var entity = TestSubjects.Uscc();
        using var feeder = Api(TestApiKeys.Full);
        await feeder.IngestAsync([_signals.Complaint(entity)]);
        using var reader = Api(TestApiKeys.ReadOnly);

        var risk = await reader.WaitForEntityAsync(entity, 1);

        Assert.Equal(entity, risk.Id);
    }

    [Fact]
    public async Task An_ingest_only_key_may_post_but_not_read()
    {
        var entity = TestSubjects.Uscc();
        using var feeder = Api(TestApiKeys.IngestOnly);

        var answer = await feeder.IngestAsync([_signals.Complaint(entity)]);
        using var entityRead = await feeder.Http.GetAsync($"/api/v1/entities/{entity}");
        using var districtsRead = await feeder.Http.GetAsync("/api/v1/districts");

        Assert.Equal(1, answer.Accepted);
        await ProblemAssert.IsProblemAsync(entityRead, HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(districtsRead, HttpStatusCode.Forbidden);
    }

    private EngineApi Api(string? apiKey) => new(fixture.Server.CreateClient(apiKey));

    private async Task AssertUnknownAsync(string entity)
    {
        using var reader = Api(TestApiKeys.Full);
        using var response = await reader.Http.GetAsync($"/api/v1/entities/{entity}");
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }
}
