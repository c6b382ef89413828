using RiskEngine.Abstractions;
using RiskEngine.Domain;
using RiskEngine.Grains.Tests.Hosting;
using static RiskEngine.Grains.Tests.Hosting.TestSignals;

namespace RiskEngine.Grains.Tests;

/// <summary>The same signal counts once, whether a grain is handed it twice or a source sends it twice.</summary>
public sealed class Idempotence(EngineCluster engine) : IClassFixture<EngineCluster>
{
    [Fact]
    public async Task Delivering_the_same_envelopes_twice_leaves_score_and_count_unchanged()
    {
        var now = engine.Clock.GetUtcNow();
        var uscc = TestSubjects.NewEntity();
        var grain = engine.Grains.GetEntity(uscc);
        var envelopes = new[]
        {
            Envelope(101, FailedSample(uscc, now.AddDays(-3)), now),
            Envelope(102, Complaint(uscc, now.AddDays(-2)), now),
            Envelope(103, Complaint(uscc, now.AddDays(-1)), now),
        };

        await grain.ApplyAsync(envelopes);
        var once = await grain.GetRiskAsync();
        await grain.ApplyAsync(envelopes);
        await grain.ApplyAsync([envelopes[2], envelopes[0]]);
        var twice = await grain.GetRiskAsync();

        Assert.Equal(3, once.SignalCount);
        Assert.Equal(once.Score, twice.Score);
        Assert.Equal(once.SignalCount, twice.SignalCount);
        Assert.Equal(once.LastSeq, twice.LastSeq);
        Assert.Equal(once.Reasons, twice.Reasons);
    }

    [Fact]
    public async Task A_retry_that_carries_one_new_envelope_applies_only_that_one()
    {
        var now = engine.Clock.GetUtcNow();
        var uscc = TestSubjects.NewEntity();
        var grain = engine.Grains.GetEntity(uscc);
        var first = Envelope(201, Complaint(uscc, now.AddDays(-2)), now);
        var second = Envelope(202, FailedSample(uscc, now.AddDays(-1)), now);

        await grain.ApplyAsync([first]);
        await grain.ApplyAsync([first, second]);
        var view = await grain.GetRiskAsync();

        Assert.Equal(2, view.SignalCount);
        Assert.Equal(202, view.LastSeq);
    }

    [Fact]
    public async Task Ingesting_the_same_source_and_source_id_twice_counts_duplicates_and_changes_nothing()
    {
        var now = engine.Clock.GetUtcNow();
        var uscc = TestSubjects.NewEntity();
        var batch = new[]
        {
            FailedSample(uscc, now.AddDays(-4)),
            Complaint(uscc, now.AddDays(-3)),
            Inspection(uscc, now.AddDays(-2), InspectionResult.Issues, Severity.Major),
        };

        var first = await engine.IngestAsync(batch);
        var before = await engine.Grains.GetEntity(uscc).GetRiskAsync();
        var again = await engine.IngestAsync(batch);
        var resent = batch[1] with { OccurredAt = now, Data = SignalFactsCodec.ToJson(new ComplaintFacts("changed")) };
        var sameIdOtherContent = await engine.IngestAsync(resent);
        var after = await engine.Grains.GetEntity(uscc).GetRiskAsync();

        Assert.Equal((3, 0), (first.Accepted, first.Duplicates));
        Assert.Equal((0, 3), (again.Accepted, again.Duplicates));
        Assert.Equal((0, 1), (sameIdOtherContent.Accepted, sameIdOtherContent.Duplicates));
        Assert.Equal(3, before.SignalCount);
        Assert.Equal(before.SignalCount, after.SignalCount);
        Assert.Equal(before.Score, after.Score);
        Assert.Equal(before.LastSeq, after.LastSeq);
        Assert.Equal(before.Reasons, after.Reasons);
    }

    [Fact]
    public async Task The_same_source_id_from_another_source_is_a_different_signal()
    {
        var now = engine.Clock.GetUtcNow();
        var uscc = TestSubjects.NewEntity();
        var fromHotline = Complaint(uscc, now.AddHours(-2));
        var fromAnotherSource = fromHotline with { Source = "another-source" };

        var result = await engine.IngestAsync(fromHotline, fromAnotherSource);
        var view = await engine.Grains.GetEntity(uscc).GetRiskAsync();

        Assert.Equal(2, result.Accepted);
        Assert.Equal(2, view.SignalCount);
    }
}
