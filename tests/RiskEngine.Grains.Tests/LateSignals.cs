using RiskEngine.Abstractions;
using RiskEngine.Domain;
using RiskEngine.Grains.Tests.Hosting;
using RiskEngine.Storage;
using static RiskEngine.Grains.Tests.Hosting.TestSignals;

namespace RiskEngine.Grains.Tests;

/// <summary>Event time, not arrival order, decides what a signal means: a backfilled signal lands where it belongs.</summary>
public sealed class LateSignals(EngineCluster engine) : IClassFixture<EngineCluster>
{
    /// <summary>
    /// One subject's history, oldest event first: a hazard found and later rectified, an inspection, samples and
    /// complaints. Arrival order matters to a naive fold: "rectified" before "found" would leave the hazard open.
    /// </summary>
    private static SignalToAppend[] History(string uscc, DateTimeOffset now) =>
    [
        Hazard(uscc, now.AddDays(-60), "H-1", open: true),
        Inspection(uscc, now.AddDays(-45), InspectionResult.Rectify, Severity.Major),
        Hazard(uscc, now.AddDays(-40), "H-1", open: false),
        FailedSample(uscc, now.AddDays(-20)),
        PassedSample(uscc, now.AddDays(-10)),
        Complaint(uscc, now.AddDays(-3)),
        Complaint(uscc, now.AddDays(-1)),
    ];

    [Fact]
    public async Task Backfilled_signals_delivered_after_newer_ones_score_as_if_they_came_in_order()
    {
        var now = engine.Clock.GetUtcNow();
        var inOrder = TestSubjects.NewEntity();
        var late = TestSubjects.NewEntity();
        var lateHistory = History(late, now);

        await engine.IngestAsync(History(inOrder, now));
        await engine.IngestAsync(lateHistory[2..]);
        var beforeBackfill = await engine.Grains.GetEntity(late).GetRiskAsync();
        await engine.IngestAsync(lateHistory[1]);
        await engine.IngestAsync(lateHistory[0]);

        var expected = await engine.Grains.GetEntity(inOrder).GetRiskAsync();
        var actual = await engine.Grains.GetEntity(late).GetRiskAsync();

        Assert.Equal(expected.Score, actual.Score);
        Assert.Equal(expected.Level, actual.Level);
        Assert.Equal(Codes(expected), Codes(actual));
        Assert.Equal(expected.SignalCount, actual.SignalCount);
        Assert.Equal(7, actual.SignalCount);
        Assert.DoesNotContain(actual.Reasons, r => r.Code == RiskReasonCodes.OpenHazards);
        Assert.NotEqual(beforeBackfill.Score, actual.Score);
    }

    [Fact]
    public async Task Envelopes_delivered_out_of_log_order_are_all_applied_and_score_as_in_order()
    {
        var now = engine.Clock.GetUtcNow();
        var inOrder = TestSubjects.NewEntity();
        var shuffled = TestSubjects.NewEntity();
        var envelopes = History(inOrder, now).Select((s, i) => Envelope(1000 + i, s, now)).ToArray();

        await engine.Grains.GetEntity(inOrder).ApplyAsync(envelopes);
        var shuffledGrain = engine.Grains.GetEntity(shuffled);
        await shuffledGrain.ApplyAsync([envelopes[6], envelopes[2], envelopes[4]]);
        await shuffledGrain.ApplyAsync([envelopes[0], envelopes[5]]);
        await shuffledGrain.ApplyAsync([envelopes[3], envelopes[1]]);

        var expected = await engine.Grains.GetEntity(inOrder).GetRiskAsync();
        var actual = await shuffledGrain.GetRiskAsync();

        Assert.Equal(7, actual.SignalCount);
        Assert.Equal(expected.Score, actual.Score);
        Assert.Equal(Codes(expected), Codes(actual));
        Assert.Equal(1006, actual.LastSeq);
    }

    private static string[] Codes(SubjectRiskView view) => view.Reasons.Select(r => r.Code).ToArray();
}
