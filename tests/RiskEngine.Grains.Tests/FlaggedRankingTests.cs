using RiskEngine.Domain;
using RiskEngine.Grains.Aggregates;

namespace RiskEngine.Grains.Tests;

/// <summary>The district's incremental ranking agrees with sorting every flagged subject, whatever the reports do.</summary>
public sealed class FlaggedRankingTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void After_any_sequence_of_reports_the_top_list_and_counts_equal_a_full_sort(int seed)
    {
        var random = new Random(seed);
        var flagged = new Dictionary<string, DistrictEntry>(StringComparer.Ordinal);
        var ranking = new FlaggedRanking([]);
        RiskLevel[] levels = [RiskLevel.Blue, RiskLevel.Yellow, RiskLevel.Orange, RiskLevel.Red];

        for (var step = 0; step < 5000; step++)
        {
            var id = "s" + random.Next(300);
            var level = levels[random.Next(levels.Length)];

            // Scores repeat on purpose, so ties are broken by id.
            var entry = new DistrictEntry(SubjectKind.Entity, null, level, random.Next(40) * 2.5, step, null);
            flagged.TryGetValue(id, out var before);
            if (level == RiskLevel.Blue)
            {
                flagged.Remove(id);
                ranking.Replace(id, before, null);
            }
            else
            {
                flagged[id] = entry;
                ranking.Replace(id, before, entry);
            }

            if (step % 250 == 0 || step == 4999)
            {
                var expectedTop = flagged.OrderByDescending(e => e.Value.Score).ThenBy(e => e.Key, StringComparer.Ordinal).Take(20).Select(e => e.Key);
                Assert.Equal(expectedTop, ranking.Top(20));
                Assert.Equal(
                    (flagged.Values.LongCount(e => e.Level == RiskLevel.Yellow), flagged.Values.LongCount(e => e.Level == RiskLevel.Orange), flagged.Values.LongCount(e => e.Level == RiskLevel.Red)),
                    ranking.Counts);
            }
        }

        var rebuilt = new FlaggedRanking(flagged);
        Assert.Equal(ranking.Top(50), rebuilt.Top(50));
        Assert.Equal(ranking.Counts, rebuilt.Counts);
    }
}
