using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RiskEngine.Server.Tests.Client;
using RiskEngine.Server.Tests.Contract;
using RiskEngine.Server.Tests.Hosting;
using RiskEngine.Server.Tests.People;

namespace RiskEngine.Server.Tests.Model;

/// <summary>
/// The model learns from outcomes through the real server: inspections ingested over HTTP are paired with the scores
/// before them, a burst's end starts a refit by itself, reads show the new version's calibrated probability, and an
/// admin's rollback restores the scores of the version it names.
/// </summary>
public sealed class ModelLearningTests(LearningEngineServerFixture fixture) : IClassFixture<LearningEngineServerFixture>, IDisposable
{
    private readonly EngineApi _api = new(fixture.Server.CreateClient());
    private readonly SignalJson _signals = SignalJson.ForNewSource();

    [Fact]
    public async Task A_burst_of_outcomes_refits_by_itself_and_a_rollback_restores_the_old_scores()
    {
        var (troubled, sound) = await OutcomeBurst.IngestAsync(_api, _signals);

        var fitted = await Eventually.ReadAsync(ModelAsync, m => m.Version >= 1, "the engine refits after the burst", TimeSpan.FromSeconds(60));
        var catering = Assert.Single(fitted.Categories, c => c.Category == "industry:catering");
        Assert.True(catering.Outcomes >= troubled.Length + sound.Length, $"fitted on {catering.Outcomes} outcomes");
        Assert.All(catering.Coefficients.Values, c => Assert.True(c >= 0, $"coefficient {c}"));
        Assert.Equal("fit", fitted.Origin);
        var quality = Assert.Single(fitted.Quality, q => q.Category == "industry:catering");
        Assert.True(quality.Outcomes >= 80 && quality.Positives >= 40, $"{quality.Outcomes} outcomes, {quality.Positives} bad");

        var learnt = await _api.GetEntityAsync(troubled[0]);
        Assert.Equal(fitted.Version, learnt.ModelVersion);
        Assert.NotNull(learnt.Probability);
        Assert.Equal(100 * learnt.Probability!.Value, learnt.Score, 1);
        Assert.True(learnt.Score > (await _api.GetEntityAsync(sound[0])).Score, "a troubled entity scores above a sound one after the fit");

        var (_, _, admin) = await PeopleAccounts.SignInAsync(fixture.Server, "admin");
        using (admin)
        {
            var seeded = await RollBackAsync(admin, 0);
            Assert.Equal($"rollback:0", seeded.Origin);
            Assert.Empty(seeded.Categories);
            var seededRead = await _api.GetEntityAsync(troubled[0]);
            Assert.Equal(seeded.Version, seededRead.ModelVersion);
            Assert.Null(seededRead.Probability);

            var restored = await RollBackAsync(admin, fitted.Version);
            Assert.Equal($"rollback:{fitted.Version}", restored.Origin);
            var restoredRead = await _api.GetEntityAsync(troubled[0]);
            Assert.Equal(learnt.Score, restoredRead.Score);
            Assert.Equal(learnt.Probability, restoredRead.Probability);
        }
    }

    [Fact]
    public async Task Refits_and_rollbacks_are_for_admins_and_bad_requests_are_problems()
    {
        var (_, _, supervisor) = await PeopleAccounts.SignInAsync(fixture.Server, "supervisor");
        var (_, _, admin) = await PeopleAccounts.SignInAsync(fixture.Server, "admin");
        using (supervisor)
        using (admin)
        {
            using var forbidden = await supervisor.PostAsync("/api/v1/model/refit", null);
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
            using var byMachine = await _api.Http.PostAsync("/api/v1/model/rollback", JsonContent.Create(new { version = 0 }));
            Assert.Equal(HttpStatusCode.Forbidden, byMachine.StatusCode);

            using var unknown = await admin.PostAsync("/api/v1/model/rollback", JsonContent.Create(new { version = 9999 }));
            await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound);
            using var negative = await admin.PostAsync("/api/v1/model/rollback", JsonContent.Create(new { version = -1 }));
            await ProblemAssert.IsProblemAsync(negative, HttpStatusCode.BadRequest);
            using var malformed = await admin.PostAsync("/api/v1/model/rollback", new StringContent("{\"version\":", System.Text.Encoding.UTF8, "application/json"));
            await ProblemAssert.IsProblemAsync(malformed, HttpStatusCode.BadRequest);
        }
    }

    public void Dispose() => _api.Dispose();

    private Task<ModelAnswer> ModelAsync() => _api.GetAsync<ModelAnswer>("/api/v1/model");

    private static async Task<ModelAnswer> RollBackAsync(HttpClient admin, int version)
    {
        using var response = await admin.PostAsync("/api/v1/model/rollback", JsonContent.Create(new { version }));
        await EngineApi.ExpectStatusAsync(response, HttpStatusCode.Created);
        return await ContractJson.ReadAsync<ModelAnswer>(response);
    }

    private sealed record ModelAnswer(int Version, string Origin, IReadOnlyList<CategoryAnswer> Categories, IReadOnlyList<QualityAnswer> Quality);

    private sealed record CategoryAnswer(string Category, double Intercept, IReadOnlyDictionary<string, double> Coefficients, int Outcomes, int Positives);

    private sealed record QualityAnswer(string Category, int Outcomes, int Positives, double? Auc);
}
