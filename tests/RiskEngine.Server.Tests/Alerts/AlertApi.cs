using System.Net;
using System.Net.Http.Json;
using RiskEngine.Server.Tests.Client;
using RiskEngine.Server.Tests.Contract;

namespace RiskEngine.Server.Tests.Alerts;

/// <summary>The alert endpoints as an officer's client calls them.</summary>
public sealed class AlertApi(HttpClient http)
{
    public Task<HttpResponseMessage> AcknowledgeAsync(string id, string? note = null) =>
        http.PostAsJsonAsync($"/api/v1/alerts/{id}/ack", new { note });

    public Task<HttpResponseMessage> ResolveAsync(string id, string? note = null) =>
        http.PostAsJsonAsync($"/api/v1/alerts/{id}/resolve", new { note });

    public Task<HttpResponseMessage> AssignAsync(string id, string assignee, string? note = null) =>
        http.PostAsJsonAsync($"/api/v1/alerts/{id}/assign", new { assignee, note });

    public Task<AlertList> ListAsync(string query = "") => new EngineApi(http).GetAsync<AlertList>("/api/v1/alerts" + query);

    public Task<AlertAnswer> GetAsync(string id) => new EngineApi(http).GetAsync<AlertAnswer>($"/api/v1/alerts/{id}");

    public Task<AuditAnswer> AuditAsync(string id) => new EngineApi(http).GetAsync<AuditAnswer>($"/api/v1/alerts/{id}/audit");

    /// <summary>Waits until the alert of <paramref name="rule"/> for <paramref name="subject"/> is listed.</summary>
    public async Task<AlertAnswer> WaitForAsync(string rule, string subject, string? state = "open")
    {
        var list = await Eventually.ReadAsync(() => ListAsync(state is null ? "" : "?state=" + state),
            l => l.Items.Any(a => a.Rule == rule && a.SubjectId == subject), $"a {rule} alert for {subject} is listed");
        return list.Items.Single(a => a.Rule == rule && a.SubjectId == subject);
    }

    public static async Task ExpectOkAsync(HttpResponseMessage response) => await EngineApi.ExpectStatusAsync(response, HttpStatusCode.OK);
}
