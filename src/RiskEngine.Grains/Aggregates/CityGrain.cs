using RiskEngine.Abstractions;
using RiskEngine.Domain;

namespace RiskEngine.Grains.Aggregates;

/// <summary>The city: asks its districts and sums them. Stateless; reads are rare next to reports.</summary>
public sealed class CityGrain(RiskCatalog catalog) : Grain, ICityGrain
{
    private const int TopCount = 10;

    public async Task<CitySummary> GetSummaryAsync()
    {
        var districts = await Task.WhenAll(catalog.Districts.Select(d => GrainFactory.GetDistrict(d.Code).GetSummaryAsync()));
        var counts = districts.Aggregate(LevelCounts.Zero, (sum, d) => sum.Add(d.Counts));
        var top = districts
            .SelectMany(d => d.Top)
            .OrderByDescending(s => s.Score)
            .ThenBy(s => s.Id, StringComparer.Ordinal)
            .Take(TopCount)
            .ToArray();
        return new CitySummary(districts, counts, top);
    }
}
