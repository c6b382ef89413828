using System.Text.Json;

namespace RiskEngine.Server.Tests.Contract;

/// <summary>
/// Reads answers the way an outside client of the v1 contract would: camelCase names, and every
/// constructor parameter of the contract records required, so a renamed or missing field fails the test.
/// </summary>
public static class ContractJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        try
        {
            return JsonSerializer.Deserialize<T>(text, Options) ?? throw new JsonException("null body");
        }
        catch (JsonException error)
        {
            throw new Xunit.Sdk.XunitException($"HTTP {(int)response.StatusCode}: the body is not a {typeof(T).Name}: {error.Message}\n{text}");
        }
    }
}
