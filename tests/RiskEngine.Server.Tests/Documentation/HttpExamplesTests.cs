using System.Net.Http.Headers;
using System.Text;
using RiskEngine.Server.Tests.Hosting;
using Xunit.Abstractions;

namespace RiskEngine.Server.Tests.Documentation;

/// <summary>
/// The example requests in src/RiskEngine.Server/Requests/*.http run against a real server and answer as their
/// <c># expect</c> comments say, so the examples cannot rot.
/// </summary>
public sealed class HttpExamplesTests(EngineServerFixture fixture, ITestOutputHelper output) : IClassFixture<EngineServerFixture>
{
    /// <summary>In this order, so the reads find what the registrations and signals created.</summary>
    private static readonly string[] Files = ["health.http", "subjects.http", "signals.http", "districts.http", "auth.http", "alerts.http", "spot-checks.http", "model.http", "security.http"];

    [Fact]
    public void Every_api_group_has_an_example_file()
    {
        var present = Directory.GetFiles(Path.Combine(RepositoryPaths.ServerProject, "Requests"), "*.http").Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.Equal(Files.Order(StringComparer.Ordinal), present);
    }

    [Fact]
    public async Task Every_example_answers_as_documented()
    {
        var officer = await People.PeopleAccounts.AddAsync(fixture.Server, "officer");
        var supervisor = await People.PeopleAccounts.AddAsync(fixture.Server, "supervisor");
        var admin = await People.PeopleAccounts.AddAsync(fixture.Server, "admin");
        var overrides = new Dictionary<string, string>
        {
            ["baseUrl"] = fixture.Server.BaseAddress.ToString().TrimEnd('/'),
            ["apiKey"] = TestApiKeys.Full,
            ["userName"] = officer,
            ["password"] = People.PeopleAccounts.Password,
            ["accessToken"] = (await People.PeopleAccounts.LoginAsync(fixture.Server, officer)).AccessToken,
            ["supervisorToken"] = (await People.PeopleAccounts.LoginAsync(fixture.Server, supervisor)).AccessToken,
            ["adminToken"] = (await People.PeopleAccounts.LoginAsync(fixture.Server, admin)).AccessToken,
        };
        using var client = new HttpClient();
        var outcomes = new List<string>();
        foreach (var name in Files)
        {
            var file = HttpExampleFile.Read(Path.Combine(RepositoryPaths.ServerProject, "Requests", name));
            Assert.Equal("http://localhost:5000", file.Variables["baseUrl"]);
            Assert.NotEmpty(file.Examples);
            foreach (var example in file.Examples)
            {
                using var request = new HttpRequestMessage(new HttpMethod(example.Method), file.Expand(example.Url, overrides));
                if (example.Body is not null)
                {
                    request.Content = new StringContent(file.Expand(example.Body, overrides), Encoding.UTF8);
                }

                foreach (var (header, value) in example.Headers)
                {
                    if (header.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                    {
                        request.Content!.Headers.ContentType = MediaTypeHeaderValue.Parse(value);
                    }
                    else
                    {
                        request.Headers.Add(header, file.Expand(value, overrides));
                    }
                }

                using var response = await client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                output.WriteLine($"{name} '{example.Title}' -> {(int)response.StatusCode} {body[..Math.Min(240, body.Length)]}");
                if ((int)response.StatusCode != example.ExpectedStatus)
                {
                    outcomes.Add($"{name} '{example.Title}': expected {example.ExpectedStatus}, got {(int)response.StatusCode}: {body[..Math.Min(300, body.Length)]}");
                }
            }
        }

        Assert.Empty(outcomes);
    }
}
