using RiskEngine.Abstractions;
using RiskEngine.Grains.Subjects;

namespace RiskEngine.Grains.Tests;

/// <summary>A fold without a grain and a grain in memory never hold one subject at once on a server.</summary>
public sealed class SubjectResidencyTests
{
    private static GrainId Subject(int i) => GrainId.Create("entity", SubjectKeys.Entity($"9142011270000{i:D4}M"));

    [Fact]
    public async Task A_grain_that_activates_during_a_fold_reads_its_snapshot_only_after_the_fold()
    {
        var residency = new SubjectResidency();
        Assert.True(residency.TryClaimForFold(Subject(1), out var claim));

        var arriving = residency.ArriveAsync(Subject(1));
        await Task.Delay(50);
        Assert.False(arriving.IsCompleted);
        Assert.False(residency.TryClaimForFold(Subject(1), out _));

        residency.Release(claim);
        await arriving.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal([Subject(1)], residency.Residents());
    }

    [Fact]
    public async Task A_subject_with_a_grain_is_not_folded_until_the_grain_leaves()
    {
        var residency = new SubjectResidency();
        await residency.ArriveAsync(Subject(2));
        await residency.ArriveAsync(Subject(2));

        Assert.False(residency.TryClaimForFold(Subject(2), out _));
        Assert.True(residency.TryClaimForFold(Subject(3), out var other));
        Assert.Equal([Subject(2)], residency.Residents());

        residency.Leave(Subject(2));
        Assert.True(residency.TryClaimForFold(Subject(2), out var claim));
        residency.Release(claim);
        residency.Release(other);
        Assert.Empty(residency.Residents());
    }

    [Fact]
    public void A_subject_seen_within_the_window_is_recent_and_others_are_not()
    {
        var recent = new RecentSubjects(1 << 12);

        Assert.False(recent.Touch(42, TimeSpan.FromSeconds(10)));
        Assert.True(recent.Touch(42, TimeSpan.FromSeconds(10)));
        Assert.False(recent.Touch(43, TimeSpan.FromSeconds(10)));
        Assert.False(recent.Touch(42 + (1 << 12), TimeSpan.FromSeconds(10)));
        Assert.False(recent.Touch(43, TimeSpan.Zero));
    }
}
