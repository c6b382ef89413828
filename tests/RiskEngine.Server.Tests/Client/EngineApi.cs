using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using RiskEngine.Server.Tests.Contract;

namespace RiskEngine.Server.Tests.Client;

/// <summary>The v1 API as a client calls it, over a real HTTP connection.</summary>
public sealed class EngineApi(HttpClient http) : IDisposable
{
    public const string NdjsonMediaType = "application/x-ndjson";

    public HttpClient Http => http;

    public Task<HttpResponseMessage> PostJsonAsync(string path, JsonNode body) => PostRawAsync(path, body.ToJsonString(), "application/json");

    public Task<HttpResponseMessage> PostSignalsAsync(IEnumerable<JsonNode?> signals) => PostJsonAsync("/api/v1/signals", SignalJson.Batch(signals));

    public async Task<HttpResponseMessage> PostRawAsync(string path, string body, string mediaType)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return await http.PostAsync(path, content);
    }

    /// <summary>Posts signals and insists on 202.</summary>
    public async Task<IngestAnswer> IngestAsync(IEnumerable<JsonNode?> signals)
    {
        using var response = await PostSignalsAsync(signals);
        await ExpectStatusAsync(response, HttpStatusCode.Accepted);
        return await ContractJson.ReadAsync<IngestAnswer>(response);
    }

    /// <summary>Posts registrations (to /api/v1/entities or /api/v1/equipment) and insists on 200.</summary>
    public async Task<RegistrationAnswer> RegisterAsync(string path, JsonArray registrations)
    {
        using var response = await PostJsonAsync(path, registrations);
        await ExpectStatusAsync(response, HttpStatusCode.OK);
        return await ContractJson.ReadAsync<RegistrationAnswer>(response);
    }

    public async Task<SubjectRisk> GetSubjectAsync(string path)
    {
        using var response = await http.GetAsync(path);
        await ExpectStatusAsync(response, HttpStatusCode.OK);
        return await ContractJson.ReadAsync<SubjectRisk>(response);
    }

    public Task<SubjectRisk> GetEntityAsync(string uscc) => GetSubjectAsync($"/api/v1/entities/{uscc}");

    public Task<SubjectRisk> GetEquipmentAsync(string code) => GetSubjectAsync($"/api/v1/equipment/{code}");

    public async Task<T> GetAsync<T>(string path)
    {
        using var response = await http.GetAsync(path);
        await ExpectStatusAsync(response, HttpStatusCode.OK);
        return await ContractJson.ReadAsync<T>(response);
    }

    /// <summary>
    /// Reads a subject until the engine has applied <paramref name="signalCount"/> of its signals (dispatch runs after
    /// the 202), or fails after <paramref name="timeout"/> with the last count seen.
    /// </summary>
    public async Task<SubjectRisk> WaitForSignalCountAsync(string path, int signalCount, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var risk = await GetSubjectAsync(path);
            if (risk.SignalCount == signalCount)
            {
                return risk;
            }

            Assert.True(risk.SignalCount < signalCount, $"{path} counts {risk.SignalCount} signals, more than the {signalCount} sent.");
            Assert.True(DateTime.UtcNow < deadline, $"{path} applied {risk.SignalCount} of {signalCount} signals within the timeout.");
            await Task.Delay(50);
        }
    }

    public Task<SubjectRisk> WaitForEntityAsync(string uscc, int signalCount) => WaitForSignalCountAsync($"/api/v1/entities/{uscc}", signalCount);

    public Task<SubjectRisk> WaitForEquipmentAsync(string code, int signalCount) => WaitForSignalCountAsync($"/api/v1/equipment/{code}", signalCount);

    /// <summary>Fails with the body in the message when the status is not the expected one.</summary>
    public static async Task ExpectStatusAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.Fail($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: expected HTTP {(int)expected}, got {(int)response.StatusCode}: {body}");
        }
    }

    public void Dispose() => http.Dispose();
}
