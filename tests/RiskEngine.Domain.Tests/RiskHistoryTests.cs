using System.Collections.Immutable;
using System.Text.Json;
using RiskEngine.Domain;

namespace RiskEngine.Domain.Tests;

public sealed class RiskHistoryTests
{
    private static readonly RiskModelParameters Parameters = ShippedSeeds.Parameters;
    private static readonly DateTimeOffset Now = Scenarios.Now;

    [Fact]
    public void Late_events_land_in_event_time_order()
    {
        var history = RiskHistory.Empty
            .Apply(Complaint(1, hoursAgo: 1), Parameters)
            .Apply(Complaint(2, hoursAgo: 10), Parameters)
            .Apply(Complaint(3, hoursAgo: 5), Parameters)
            .Apply(Complaint(4, hoursAgo: 5), Parameters);
        Assert.Equal([2L, 3, 4, 1], history.Events.Select(e => e.Seq));
        Assert.Equal(4, history.LastSeq);
        Assert.Equal(4, history.SignalCount);
        Assert.True(history.Contains(3));
        Assert.False(history.Contains(5));
    }

    [Fact]
    public void A_repeated_seq_changes_nothing()
    {
        var once = RiskHistory.Empty.Apply(Complaint(7, hoursAgo: 1), Parameters);
        Assert.Same(once, once.Apply(Complaint(7, hoursAgo: 1), Parameters));
    }

    [Fact]
    public void Over_the_cap_the_oldest_by_event_time_goes()
    {
        var cap = Parameters.HistoryCaps.Complaints;
        var history = RiskHistory.Empty;
        for (var seq = 1; seq <= cap; seq++)
        {
            history = history.Apply(Complaint(seq, hoursAgo: seq), Parameters); // seq 1 is the newest
        }
        history = history.Apply(Complaint(cap + 1, hoursAgo: 0.5), Parameters);
        Assert.Equal(cap, history.EventsOf(SignalKind.Complaint).Count());
        Assert.False(history.Contains(cap)); // the oldest
        Assert.True(history.Contains(cap + 1));
        Assert.Equal(cap + 1, history.SignalCount);

        // Replaying the dropped one (seq below LastSeq, older than everything kept) is a no-op.
        Assert.Same(history, history.Apply(Complaint(cap, hoursAgo: cap), Parameters));

        // A new signal older than everything kept counts, but is not kept.
        var older = history.Apply(Complaint(cap + 2, hoursAgo: 10_000), Parameters);
        Assert.Equal(history.Events, older.Events);
        Assert.Equal(cap + 2, older.SignalCount);
        Assert.Equal(cap + 2, older.LastSeq);
    }

    [Fact]
    public void Caps_apply_per_kind()
    {
        var cap = Parameters.HistoryCaps.Inspections;
        var history = RiskHistory.Empty;
        for (var seq = 1; seq <= cap + 5; seq++)
        {
            history = history.Apply(new RiskEvent(seq, SignalKind.Inspection, Now.AddDays(-seq), new InspectionFacts(InspectionResult.Pass, [])), Parameters);
        }
        history = history.Apply(Complaint(1_000, hoursAgo: 100_000), Parameters);
        Assert.Equal(cap, history.EventsOf(SignalKind.Inspection).Count());
        Assert.Single(history.EventsOf(SignalKind.Complaint));
    }

    [Fact]
    public void Facts_must_match_the_kind_and_seq_must_be_positive()
    {
        Assert.Throws<ArgumentException>(() =>
            RiskHistory.Empty.Apply(new RiskEvent(1, SignalKind.Sampling, Now, new ComplaintFacts(null)), Parameters));
        Assert.Throws<ArgumentOutOfRangeException>(() => RiskHistory.Empty.Apply(Complaint(0, hoursAgo: 1), Parameters));
    }

    [Fact]
    public void Round_trips_through_system_text_json_with_web_defaults_too()
    {
        var history = RiskHistory.Empty
            .Apply(Complaint(1, hoursAgo: 1), Parameters)
            .Apply(new RiskEvent(2, SignalKind.Inspection, Now.AddDays(-3), new InspectionFacts(InspectionResult.Issues, [Severity.Major])), Parameters)
            .Apply(new RiskEvent(3, SignalKind.InspectionOverdue, Now, new DueDateFacts(new DateOnly(2026, 10, 14))), Parameters)
            .Apply(new RiskEvent(4, SignalKind.Sampling, Now.AddDays(-1), new SamplingFacts(true, "铅", null)), Parameters);
        foreach (var options in new[] { JsonSerializerOptions.Default, JsonSerializerOptions.Web })
        {
            var json = JsonSerializer.Serialize(history, options);
            Assert.Equal(history, JsonSerializer.Deserialize<RiskHistory>(json, options));
        }
    }

    [Fact]
    public void Snapshots_use_the_wire_shape_and_load_whatever_the_key_order()
    {
        var history = RiskHistory.Empty.Apply(
            new RiskEvent(9, SignalKind.Hazard, new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.FromHours(8)), new HazardFacts("H-1", true, Severity.Critical)),
            Parameters);
        var json = JsonSerializer.Serialize(history, JsonSerializerOptions.Web);
        Assert.Contains("""{"seq":9,"kind":"hazard","occurredAt":"2026-11-20T09:30:00+08:00","facts":{"hazardId":"H-1","state":"open","severity":"critical"}}""", json);

        const string Reordered = """{"signalCount":1,"events":[{"facts":{"severity":"critical","state":"open","hazardId":"H-1"},"occurredAt":"2026-11-20T09:30:00+08:00","kind":"hazard","seq":9}],"lastSeq":9}""";
        Assert.Equal(history, JsonSerializer.Deserialize<RiskHistory>(Reordered, JsonSerializerOptions.Web));
    }

    [Fact]
    public void Restoring_puts_events_back_in_order()
    {
        var events = ImmutableArray.Create(Complaint(2, hoursAgo: 1), Complaint(1, hoursAgo: 2), Complaint(2, hoursAgo: 1));
        var restored = new RiskHistory(events, lastSeq: 0, signalCount: 0);
        Assert.Equal([1L, 2], restored.Events.Select(e => e.Seq));
        Assert.Equal(2, restored.LastSeq);
        Assert.Equal(2, restored.SignalCount);
    }

    private static RiskEvent Complaint(long seq, double hoursAgo) =>
        new(seq, SignalKind.Complaint, Now.AddHours(-hoursAgo), new ComplaintFacts(null));
}
