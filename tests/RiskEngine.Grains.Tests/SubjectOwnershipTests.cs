using System.Net;
using RiskEngine.Abstractions;
using RiskEngine.Grains.Placement;

namespace RiskEngine.Grains.Tests;

/// <summary>The rule placement and cross-server dispatch share: which server a subject's grain belongs on.</summary>
public sealed class SubjectOwnershipTests
{
    private static readonly SiloAddress[] Silos = Enumerable.Range(0, 3)
        .Select(i => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111 + i), 1))
        .OrderBy(s => s)
        .ToArray();

    private static GrainId EntityGrain(int i) =>
        GrainId.Create("entity", SubjectKeys.Entity($"9142011270000{i:D4}M"));

    [Fact]
    public void A_subject_always_belongs_to_the_same_server_and_the_city_spreads_evenly()
    {
        var owners = Enumerable.Range(0, 3000).Select(i => SubjectOwnership.Owner(EntityGrain(i), Silos)).ToArray();

        Assert.Equal(owners, Enumerable.Range(0, 3000).Select(i => SubjectOwnership.Owner(EntityGrain(i), Silos)));
        Assert.All(Silos, silo => Assert.InRange(owners.Count(o => o.Equals(silo)), 800, 1200));
    }

    [Fact]
    public void With_one_server_left_it_owns_every_subject()
    {
        Assert.All(Enumerable.Range(0, 100), i => Assert.Equal(Silos[1], SubjectOwnership.Owner(EntityGrain(i), [Silos[1]])));
    }

    [Fact]
    public void When_a_server_dies_only_its_own_subjects_move()
    {
        var before = Enumerable.Range(0, 3000).Select(i => SubjectOwnership.Owner(EntityGrain(i), Silos)).ToArray();
        var survivors = new[] { Silos[0], Silos[2] };
        var after = Enumerable.Range(0, 3000).Select(i => SubjectOwnership.Owner(EntityGrain(i), survivors)).ToArray();

        for (var i = 0; i < before.Length; i++)
        {
            if (!before[i].Equals(Silos[1]))
            {
                Assert.Equal(before[i], after[i]);
            }
        }

        Assert.InRange(after.Count(o => o.Equals(Silos[0])), 1300, 1700);
    }
}
