using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using RiskEngine.Server.Tests.Client;
using RiskEngine.Server.Tests.Hosting;

namespace RiskEngine.Server.Tests.Documentation;

/// <summary>
/// The OpenAPI document the server serves is the one committed in src/RiskEngine.Server/openapi-v1.json, so a change of
/// the contract shows in review. Run the tests with UPDATE_OPENAPI=1 to rewrite the committed file.
/// </summary>
public sealed class OpenApiDocumentTests(EngineServerFixture fixture) : IClassFixture<EngineServerFixture>
{
    public const string UpdateVariable = "UPDATE_OPENAPI";

    [Fact]
    public async Task The_served_document_equals_the_committed_one()
    {
        using var reader = fixture.Server.CreateClient(TestApiKeys.ReadOnly);
        using var response = await reader.GetAsync("/openapi/v1.json");
        await EngineApi.ExpectStatusAsync(response, HttpStatusCode.OK);
        var served = Normalise(await response.Content.ReadAsStringAsync());

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(RepositoryPaths.OpenApiDocument, served);
        }

        var committed = File.Exists(RepositoryPaths.OpenApiDocument) ? Normalise(await File.ReadAllTextAsync(RepositoryPaths.OpenApiDocument)) : "";
        Assert.True(committed == served,
            $"The served OpenAPI document differs from {RepositoryPaths.OpenApiDocument} (first difference at line {FirstDifferentLine(committed, served)}). " +
            $"If the change of the contract is intended, regenerate the file: {UpdateVariable}=1 dotnet test tests/RiskEngine.Server.Tests --filter {nameof(OpenApiDocumentTests)}, then review and commit it.");
    }

    [Fact]
    public async Task The_document_describes_the_v1_routes()
    {
        using var reader = fixture.Server.CreateClient(TestApiKeys.ReadOnly);
        var document = JsonNode.Parse(await reader.GetStringAsync("/openapi/v1.json"))!;

        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToArray();

        Assert.Contains("/api/v1/signals", paths);
        Assert.Contains("/api/v1/entities/{uscc}", paths);
        Assert.Contains("/api/v1/equipment/{code}", paths);
        Assert.Contains("/api/v1/districts", paths);
        Assert.NotNull(document["paths"]!["/api/v1/signals"]!["post"]!["responses"]!["202"]);
    }

    /// <summary>
    /// Line endings to \n and the same indentation; the "servers" list goes, since it carries the test server's
    /// random port.
    /// </summary>
    private static string Normalise(string json)
    {
        var document = JsonNode.Parse(json)!.AsObject();
        document.Remove("servers");
        var text = document.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        return text.ReplaceLineEndings("\n") + "\n";
    }

    private static int FirstDifferentLine(string expected, string actual)
    {
        var left = expected.Split('\n');
        var right = actual.Split('\n');
        var line = 0;
        while (line < left.Length && line < right.Length && left[line] == right[line])
        {
            line++;
        }

        return line + 1;
    }
}
