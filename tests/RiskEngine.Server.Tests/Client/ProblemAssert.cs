using System.Net;
using RiskEngine.Server.Tests.Contract;

namespace RiskEngine.Server.Tests.Client;

/// <summary>Checks an error answer is a problem details document (RFC 9457) of the expected status.</summary>
public static class ProblemAssert
{
    public const string MediaType = "application/problem+json";

    public static async Task<Problem> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        await EngineApi.ExpectStatusAsync(response, status);
        Assert.Equal(MediaType, response.Content.Headers.ContentType?.MediaType);
        var problem = await ContractJson.ReadAsync<Problem>(response);
        Assert.Equal((int)status, problem.Status);
        Assert.False(string.IsNullOrWhiteSpace(problem.Title), "the problem has no title");
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail), "the problem has no detail");
        return problem;
    }
}
