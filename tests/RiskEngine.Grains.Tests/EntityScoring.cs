using RiskEngine.Abstractions;
using RiskEngine.Domain;
using RiskEngine.Grains.Tests.Hosting;
using RiskEngine.Storage;
using static RiskEngine.Grains.Tests.Hosting.TestSignals;

namespace RiskEngine.Grains.Tests;

/// <summary>An entity grain folds the signals dispatched to it into an explained score.</summary>
public sealed class EntityScoring(EngineCluster engine) : IClassFixture<EngineCluster>
{
    [Fact]
    public async Task An_entity_with_failed_samples_complaints_and_a_rectification_order_scores_above_a_clean_one()
    {
        var now = engine.Clock.GetUtcNow();
        var troubled = TestSubjects.NewEntity();
        var clean = TestSubjects.NewEntity();
        var repeated = Complaint(troubled, now.AddHours(-1));
        SignalToAppend[] signals =
        [
            repeated,
            .. Enumerable.Range(2, 5).Select(h => Complaint(troubled, now.AddHours(-h))),
            .. Enumerable.Range(0, 3).Select(i => FailedSample(troubled, now.AddHours(-30 - i))),
            Inspection(troubled, now.AddHours(-50), InspectionResult.Rectify, Severity.Major),
            repeated,
            Inspection(clean, now.AddHours(-50), InspectionResult.Pass),
        ];

        var result = await engine.IngestAsync(signals);
        var bad = await engine.Grains.GetEntity(troubled).GetRiskAsync();
        var good = await engine.Grains.GetEntity(clean).GetRiskAsync();

        Assert.Equal((11, 1), (result.Accepted, result.Duplicates));
        Assert.True(bad.Score > good.Score + 40, $"troubled {bad.Score} vs clean {good.Score}");
        Assert.Contains(bad.Level, new[] { RiskLevel.Orange, RiskLevel.Red });
        Assert.Equal(RiskLevel.Blue, good.Level);
        Assert.Equal(10, bad.SignalCount);
        Assert.Equal(1, good.SignalCount);
        Assert.Equal(result.Appended.Where(s => s.SubjectId == troubled).Max(s => s.Seq), bad.LastSeq);
        Assert.Equal(troubled, bad.Id);
        Assert.Equal(SubjectKind.Entity, bad.Kind);
        Assert.Equal(TestSubjects.District, bad.District);
        Assert.Equal(
            [RiskReasonCodes.Complaints, RiskReasonCodes.SamplingFailures, RiskReasonCodes.Inspections],
            bad.Reasons.Take(3).Select(r => r.Code));
        Assert.All(bad.Reasons, r =>
        {
            Assert.False(string.IsNullOrWhiteSpace(r.Zh));
            Assert.False(string.IsNullOrWhiteSpace(r.En));
        });
        Assert.Equal(bad.Reasons.Select(r => r.Contribution).OrderDescending(), bad.Reasons.Select(r => r.Contribution));
        Assert.Contains("投诉", bad.Reasons[0].Zh, StringComparison.Ordinal);
        Assert.Contains("complaints", bad.Reasons[0].En, StringComparison.Ordinal);
    }
}
