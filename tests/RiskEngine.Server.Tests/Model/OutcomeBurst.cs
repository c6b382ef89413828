using RiskEngine.Server.Tests.Client;

namespace RiskEngine.Server.Tests.Model;

/// <summary>
/// A burst of outcomes over HTTP: 40 troubled catering entities whose complaints come before an inspection that orders
/// rectification, and 40 sound ones that pass; returns once every signal is applied.
/// </summary>
public static class OutcomeBurst
{
    public static async Task<(string[] Troubled, string[] Sound)> IngestAsync(EngineApi api, SignalJson signals)
    {
        var troubled = Enumerable.Range(0, 40).Select(_ => TestSubjects.Uscc()).ToArray();
        var sound = Enumerable.Range(0, 40).Select(_ => TestSubjects.Uscc()).ToArray();
        await api.RegisterAsync(Registrations.EntitiesPath, Registrations.Entities(
            [.. troubled.Concat(sound).Select((uscc, i) => Registrations.Entity(uscc, "餐馆" + i))]));
        var history = troubled
            .SelectMany(uscc => new[] { signals.Complaint(uscc, hoursAgo: 80), signals.Complaint(uscc, hoursAgo: 70), signals.RectifyInspection(uscc, hoursAgo: 10) })
            .Concat(sound.Select(uscc => signals.PassedInspection(uscc, hoursAgo: 10)))
            .ToArray();
        await api.IngestAsync(history);
        await api.WaitForEntityAsync(troubled[^1], 3);
        await api.WaitForEntityAsync(sound[^1], 1);
        return (troubled, sound);
    }
}
