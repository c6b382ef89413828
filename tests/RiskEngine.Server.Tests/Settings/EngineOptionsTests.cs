using RiskEngine.Grains;

namespace RiskEngine.Server.Tests.Settings;

public sealed class EngineOptionsTests
{
    [Theory]
    [InlineData("Engine:SnapshotFlushInterval=-00:00:01", "Engine:SnapshotFlushInterval must be between 00:00:00.001 and 1.00:00:00 (was -00:00:01)")]
    [InlineData("Engine:SubjectIdleTimeout=00:01:00", "Engine:SubjectIdleTimeout must be over 00:01:00 and at most 1.00:00:00 (was 00:01:00)")]
    [InlineData("Engine:DispatchPartitions=0", "Engine:DispatchPartitions must be between 1 and 1024 (was 0)")]
    [InlineData("Engine:MaxConcurrentDeliveries=0", "Engine:MaxConcurrentDeliveries must be between 1 and 65536 (was 0)")]
    [InlineData("Engine:DispatchQueueCapacity=0", "Engine:DispatchQueueCapacity must be between 1 and 16777216 (was 0)")]
    [InlineData("Engine:DistrictTopCount=5", "Engine:DistrictTopCount must be between 10 and 1000 (was 5)")]
    [InlineData("Engine:ReportScoreDelta=-0.5", "Engine:ReportScoreDelta must be between 0 and 100 (was -0.5)")]
    [InlineData("Engine:SweepPeriod=00:00:30", "Engine:SweepPeriod must be between 00:01:00 and 1.00:00:00 (was 00:00:30)")]
    [InlineData("Engine:DueSoonDays=0", "Engine:DueSoonDays must be between 1 and 365 (was 0)")]
    [InlineData("Engine:MaintenanceIntervalDays=400", "Engine:MaintenanceIntervalDays must be between 1 and 365 (was 400)")]
    [InlineData("Engine:WallPublishInterval=00:00:00", "Engine:WallPublishInterval must be between 00:00:00.001 and 1.00:00:00 (was 00:00:00)")]
    [InlineData("Engine:CheckpointInterval=2.00:00:00", "Engine:CheckpointInterval must be between 00:00:00.001 and 1.00:00:00 (was 2.00:00:00)")]
    [InlineData("Engine:FoldRecentWindow=-00:00:10", "Engine:FoldRecentWindow must be between 00:00:00 and 1.00:00:00 (was -00:00:10)")]
    [InlineData("Engine:FoldRecentSubjectSlots=1000", "Engine:FoldRecentSubjectSlots must be between 1024 and 268435456 (was 1000)")]
    [InlineData("Engine:FoldMembershipSettle=-00:00:05", "Engine:FoldMembershipSettle must be between 00:00:00 and 1.00:00:00 (was -00:00:05)")]
    public void A_value_out_of_range_is_refused_naming_the_key_and_the_range(string setting, string failure) =>
        Assert.Equal([failure], CheckedSettings.FailuresOf<EngineOptions>(setting));

    [Theory]
    [InlineData]
    [InlineData("Engine:SubjectIdleTimeout=00:01:01", "Engine:FoldRecentWindow=00:00:00", "Engine:FoldMembershipSettle=00:00:00", "Engine:ReportScoreDelta=0")]
    [InlineData("Engine:MaxConcurrentDeliveries=65536", "Engine:SweepPeriod=1.00:00:00", "Engine:DispatchQueueCapacity=1")]
    public void Defaults_and_values_at_the_edges_are_accepted(params string[] settings) =>
        Assert.Empty(CheckedSettings.FailuresOf<EngineOptions>(settings));
}
