using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using RiskEngine.Abstractions;
using RiskEngine.Domain;
using RiskEngine.Grains.Dispatch;
using RiskEngine.Grains.Tests.Hosting;
using RiskEngine.Storage;
using static RiskEngine.Grains.Tests.Hosting.TestSignals;

namespace RiskEngine.Grains.Tests;

/// <summary>
/// A district's <see cref="DistrictSummary.MaxIngestedAt"/> promises that every signal ingested before it is applied, on
/// every server. Servers report their dispatch progress (here the test reports for them, as their wall publishers would);
/// a second server joins the fixture's silo for each test and leaves at its end. Every district is placed on the first
/// server before the second joins, so it hears membership as the first server does.
/// </summary>
public sealed class WatermarkAcrossServers(EngineCluster engine) : IClassFixture<EngineCluster>
{
    private IClusterMembershipService Membership => engine.Silo.GetRequiredService<IClusterMembershipService>();

    private SiloAddress First => engine.Cluster.Silos[0].SiloAddress;

    [Fact]
    public async Task A_server_that_stalls_while_active_holds_the_watermark_at_its_last_progress_until_it_reports_progress_again()
    {
        const string code = "420102";
        var district = engine.Grains.GetDistrict(code);
        var start = engine.Clock.GetUtcNow();
        await district.AdvanceAppliedAsync(First, start.AddSeconds(1), idle: true);
        var alone = await WatermarkAsync(district);

        var second = await JoinServerAsync();
        try
        {
            await district.AdvanceAppliedAsync(First, start.AddSeconds(5), idle: true);
            var beforeItReports = await WatermarkAsync(district);
            await district.AdvanceAppliedAsync(second.SiloAddress, start.AddSeconds(2), idle: false);
            await district.AdvanceAppliedAsync(First, start.AddSeconds(6), idle: true);
            var bothReported = await WatermarkAsync(district);

            // The second server's dispatch stalls and it says nothing more, for longer than a silence once allowed (30 s),
            // while the first goes on.
            engine.Clock.Advance(TimeSpan.FromSeconds(45));
            await district.AdvanceAppliedAsync(First, start.AddSeconds(50), idle: true);
            var stalled = await WatermarkAsync(district);
            var cityWhileStalled = await CityWatermarkAsync(code);

            await district.AdvanceAppliedAsync(second.SiloAddress, start.AddSeconds(30), idle: false);
            var progressed = await WatermarkAsync(district);
            await district.AdvanceAppliedAsync(second.SiloAddress, start.AddSeconds(40), idle: true);
            var caughtUp = await WatermarkAsync(district);

            Assert.Equal(start.AddSeconds(1), alone);
            Assert.Equal(start.AddSeconds(1), beforeItReports);
            Assert.Equal(start.AddSeconds(2), bothReported);
            Assert.Equal(start.AddSeconds(2), stalled);
            Assert.Equal(start.AddSeconds(2), cityWhileStalled);
            Assert.Equal(start.AddSeconds(30), progressed);
            Assert.Equal(start.AddSeconds(50), caughtUp);
        }
        finally
        {
            await engine.Cluster.StopSiloAsync(second);
        }
    }

    [Fact]
    public async Task A_server_declared_dead_holds_the_watermark_until_recovery_has_replayed_its_tail()
    {
        const string code = "420103";
        var district = engine.Grains.GetDistrict(code);
        var recovery = engine.Silo.GetRequiredService<DispatchRecovery>();
        var checkpoints = engine.Silo.GetRequiredService<IDispatchCheckpointStore>();
        var start = engine.Clock.GetUtcNow();
        await district.AdvanceAppliedAsync(First, start.AddSeconds(1), idle: true);

        var second = await JoinServerAsync();
        var gone = second.SiloAddress;
        await checkpoints.WriteAsync(gone.ToParsableString(), await engine.Log.ReadHeadAsync(CancellationToken.None));
        await district.AdvanceAppliedAsync(gone, start.AddSeconds(3), idle: false);
        await district.AdvanceAppliedAsync(First, start.AddSeconds(10), idle: true);
        var beforeDeath = await WatermarkAsync(district);

        await engine.Cluster.StopSiloAsync(second);
        await Eventually.HoldsAsync(() => Membership.CurrentSnapshot.GetSiloStatus(gone) == SiloStatus.Dead, "the first server sees the second dead");
        await district.AdvanceAppliedAsync(First, start.AddSeconds(20), idle: true);
        var awaitingReplay = await WatermarkAsync(district);
        var cityAwaitingReplay = await CityWatermarkAsync(code);

        await recovery.RecoverGoneAsync(CancellationToken.None);
        var rows = await checkpoints.ReadAllAsync();
        await Eventually.HoldsAsync(async () =>
        {
            await district.AdvanceAppliedAsync(First, start.AddSeconds(20), idle: true);
            return await WatermarkAsync(district) == start.AddSeconds(20);
        }, "the watermark moves on once the gone server's tail is replayed");

        Assert.Equal(start.AddSeconds(3), beforeDeath);
        Assert.Equal(start.AddSeconds(3), awaitingReplay);
        Assert.Equal(start.AddSeconds(3), cityAwaitingReplay);
        Assert.DoesNotContain(gone.ToParsableString(), rows.Keys);
    }

    [Fact]
    public async Task A_subjects_report_does_not_carry_the_watermark_past_older_signals_still_being_applied()
    {
        const string code = "420104";
        var district = engine.Grains.GetDistrict(code);
        var start = engine.Clock.GetUtcNow();
        var entity = TestSubjects.NewEntity(code);

        // The server still applies what was ingested from ten seconds ago on (a slow partition, a parked delivery)...
        await district.AdvanceAppliedAsync(First, start.AddSeconds(-10), idle: false);
        // ...while a newer signal's subject turns red and tells the district, its ingest time with it.
        await engine.IngestAsync(
            Hazard(entity, start.AddDays(-6), "H-1", open: true),
            Hazard(entity, start.AddDays(-5), "H-2", open: true),
            FailedSample(entity, start.AddDays(-2), Severity.Critical),
            FailedSample(entity, start.AddDays(-1), Severity.Critical));
        var summary = await district.GetSummaryAsync();

        Assert.Contains(entity, summary.Top.Select(t => t.Id));
        Assert.Equal(start.AddSeconds(-10), summary.MaxIngestedAt);
    }

    /// <summary>Starts another server and waits until the first sees it active; every district is placed on the first before.</summary>
    private async Task<InProcessSiloHandle> JoinServerAsync()
    {
        await engine.Grains.GetGrain<ICityGrain>(0).GetSummaryAsync();
        var joined = await engine.Cluster.StartAdditionalSiloAsync();
        await Eventually.HoldsAsync(() => Membership.CurrentSnapshot.GetSiloStatus(joined.SiloAddress) == SiloStatus.Active, "the first server sees the second active");
        return joined;
    }

    private static async Task<DateTimeOffset?> WatermarkAsync(IDistrictGrain district) => (await district.GetSummaryAsync()).MaxIngestedAt;

    private async Task<DateTimeOffset?> CityWatermarkAsync(string code) =>
        (await engine.Grains.GetGrain<ICityGrain>(0).GetSummaryAsync()).Districts.Single(d => d.Code == code).MaxIngestedAt;
}
