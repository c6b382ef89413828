using RiskEngine.LoadTests.Traffic;
using RiskEngine.LoadTests.Workload;

namespace RiskEngine.LoadTests.Tests;

/// <summary>Batches mix repeats of acknowledged signals and spoiled signals into new ones at the asked fractions.</summary>
public sealed class BatchComposerTests
{
    private static readonly SeedCodes Codes = SeedCodes.Load(BuildOutputs.Seeds);
    private static readonly EntityPopulation City = new(Codes, 2_000);
    private static readonly EquipmentPopulation Register = new(Codes, City, 300, new DateOnly(2026, 11, 23));

    [Fact]
    public void New_signals_are_consecutive_and_repeats_only_name_acknowledged_ones()
    {
        var stream = Stream("steady");
        var composer = new BatchComposer(batch: 100, duplicateFraction: 0.1, malformedFraction: 0.05, seed: 1);
        var first = composer.Compose(0, 0, stream, 0, DateTimeOffset.UtcNow);
        Assert.DoesNotContain(first.Items, i => i.IsDuplicate);
        stream.Acknowledged.Add(first.FirstNew, first.NewCount);

        long repeats = 0;
        long spoiled = 0;
        for (var n = 0; n < 200; n++)
        {
            var plan = composer.Compose(0, 0, stream, 0, DateTimeOffset.UtcNow);
            Assert.Equal(100, plan.Count);
            var fresh = plan.Items.Where(i => i.IsNew).Select(i => i.Number).Order().ToArray();
            Assert.Equal(Enumerable.Range(0, plan.NewCount).Select(i => plan.FirstNew + i), fresh);
            foreach (var repeat in plan.Items.Where(i => i.IsDuplicate))
            {
                Assert.InRange(repeat.Number, first.FirstNew, first.FirstNew + first.NewCount - 1);
            }

            repeats += plan.Items.Count(i => i.IsDuplicate);
            spoiled += plan.Items.Count(i => i.Malformation is not null);
        }

        Assert.InRange(repeats / 20_000.0, 0.08, 0.12);
        Assert.InRange(spoiled / 20_000.0, 0.04, 0.06);
    }

    [Fact]
    public void A_later_phase_repeats_signals_of_earlier_streams_too()
    {
        var earlier = Stream("steady");
        earlier.Acknowledged.Add(earlier.Reserve(50), 50);
        var composer = new BatchComposer(batch: 100, duplicateFraction: 0.2, malformedFraction: 0, seed: 2);
        composer.Retire([earlier]);
        var later = Stream("storm.faults");
        var plan = composer.Compose(1, 0, later, 0, DateTimeOffset.UtcNow);
        Assert.Contains(plan.Items, i => i.IsDuplicate && ReferenceEquals(i.Stream, earlier));
    }

    [Fact]
    public void A_signal_regenerates_from_its_number_and_its_source_id_leads_back_to_it()
    {
        var stream = Stream("incident.burst");
        var signal = stream.At(12_345);
        Assert.Equal(signal, stream.At(12_345));
        Assert.Equal(12_345, stream.NumberOf(signal.SourceId));
        Assert.Equal(-1, Stream("incident.base").NumberOf(signal.SourceId));
    }

    private static TrafficStream Stream(string tag) =>
        new("20261123-000000-test", tag, new CityMix(City, Register, DateTimeOffset.UtcNow, TimeSpan.Zero, TimeSpan.FromHours(6), "test"), RateProfile.Constant(100));
}
