using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RiskEngine.Server.Tests.Client;
using RiskEngine.Server.Tests.Hosting;

namespace RiskEngine.Server.Tests.Security;

/// <summary>Nothing but health, login and password change answers without credentials: every mapped route under /api and /openapi is tried.</summary>
public sealed class AnonymousAccessTests(EngineServerFixture fixture) : IClassFixture<EngineServerFixture>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_answers_without_credentials(string path)
    {
        using var anonymous = fixture.Server.CreateClient(apiKey: null);

        using var response = await anonymous.GetAsync(path);

        await EngineApi.ExpectStatusAsync(response, HttpStatusCode.OK);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Every_api_and_openapi_route_refuses_a_caller_without_credentials()
    {
        var routes = ProtectedRoutes();
        Assert.Contains(routes, r => r is ("POST", "/api/v1/signals"));
        Assert.Contains(routes, r => r.Path.StartsWith("/openapi/", StringComparison.Ordinal));
        using var anonymous = fixture.Server.CreateClient(apiKey: null);

        var answers = new List<string>();
        foreach (var (method, path) in routes)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method is "POST" or "PUT" or "PATCH")
            {
                request.Content = new StringContent("[]", System.Text.Encoding.UTF8, "application/json");
            }

            using var response = await anonymous.SendAsync(request);
            answers.Add($"{method} {path} -> {(int)response.StatusCode}");
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
            }
        }

        Assert.All(answers, answer => Assert.EndsWith("-> 401", answer));
    }

    /// <summary>The routes the server maps under /api and /openapi, with sample values for their parameters.</summary>
    private List<(string Method, string Path)> ProtectedRoutes()
    {
        var endpoints = fixture.Server.Services.GetServices<EndpointDataSource>().SelectMany(source => source.Endpoints).OfType<RouteEndpoint>();
        var routes = new List<(string, string)>();
        foreach (var endpoint in endpoints)
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            if (!pattern.StartsWith("/api/", StringComparison.Ordinal) && !pattern.StartsWith("/openapi/", StringComparison.Ordinal))
            {
                continue;
            }

            // Logging in is how a person gets credentials, and a password change is proven by the current password;
            // LoginTests and FirstLoginTests cover them.
            if (pattern is "/api/v1/auth/login" or "/api/v1/auth/password")
            {
                continue;
            }

            var path = pattern;
            foreach (var parameter in endpoint.RoutePattern.Parameters)
            {
                var placeholder = path[path.IndexOf("{" + parameter.Name, StringComparison.Ordinal)..];
                placeholder = placeholder[..(placeholder.IndexOf('}', StringComparison.Ordinal) + 1)];
                path = path.Replace(placeholder, SampleValue(parameter.Name), StringComparison.Ordinal);
            }

            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            routes.AddRange(methods.Select(method => (method, path)));
        }

        return routes;
    }

    private static string SampleValue(string parameter) => parameter switch
    {
        "uscc" => TestSubjects.Uscc(),
        "code" => TestSubjects.ElevatorCode(),
        "documentName" => "v1",
        "id" => "high-risk." + TestSubjects.Uscc(),
        _ => "sample",
    };
}
