using RiskEngine.Domain;

namespace RiskEngine.LoadTests.Workload;

/// <summary>
/// The generated market entities, as a city's register has them: entity i is registered by market supervision
/// ("9"), an enterprise ("1", 47%), a sole trader ("2", 52%; Wuhan's 2.7M entities include 1.27M enterprises,
/// shared/DOMAIN.md) or a farmers' cooperative ("3", 1%); in a district drawn by <see cref="DistrictShares"/>; in an
/// industry drawn by the seeded shares; with organisation code 70000000 + i and its GB 11714 check digit, completed
/// with its GB 32100 check character. Deterministic, so a signal can be regenerated from its number alone.
/// </summary>
public sealed class EntityPopulation
{
    private const int FirstOrganisation = 70_000_000;
    private const ulong Seed = 0x5EED_C17E_0000_0001UL;

    /// <summary>Industries whose entities a food-safety sampling incident concerns.</summary>
    private static readonly string[] FoodIndustries = ["catering", "food-retail", "food-production"];

    private readonly string[] _usccs;
    private readonly byte[] _districts;
    private readonly byte[] _industries;
    private readonly SeedCodes _codes;
    private readonly Lock _indexLock = new();
    private int[][]? _byDistrict;

    public EntityPopulation(SeedCodes codes, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 99_999_999 - FirstOrganisation);
        _codes = codes;
        _usccs = new string[count];
        _districts = new byte[count];
        _industries = new byte[count];
        var districtChoice = new WeightedChoice(DistrictShares.For(codes.Districts));
        var industryChoice = new WeightedChoice(codes.IndustryShares);
        Parallel.For(0, count, i =>
        {
            var hash = SplitMix64.Hash(Seed ^ (ulong)i);
            var district = districtChoice.Pick(hash);
            var industry = industryChoice.Pick(SplitMix64.Hash(hash));
            var type = (hash & 0x3FF) switch
            {
                < 481 => '1', // 47% of 1024
                < 1014 => '2',
                _ => '3',
            };
            _districts[i] = (byte)district;
            _industries[i] = (byte)industry;
            _usccs[i] = Uscc.FromBody("9" + type + codes.Districts[district] + OrganisationCode.WithCheckDigit(FirstOrganisation + i)).Value;
        });
    }

    public int Count => _usccs.Length;

    public string UsccAt(int index) => _usccs[index];

    public string District(int index) => _codes.Districts[_districts[index]];

    public string Industry(int index) => _codes.Industries[_industries[index]];

    public bool IsFoodBusiness(int index) => FoodIndustries.Contains(Industry(index), StringComparer.Ordinal);

    /// <summary>The indices of the entities in district number <paramref name="district"/> (of <see cref="SeedCodes.Districts"/>), ascending.</summary>
    public IReadOnlyList<int> InDistrict(int district)
    {
        lock (_indexLock)
        {
            if (_byDistrict is null)
            {
                var lists = Enumerable.Range(0, _codes.Districts.Count).Select(_ => new List<int>()).ToArray();
                for (var i = 0; i < _districts.Length; i++)
                {
                    lists[_districts[i]].Add(i);
                }

                _byDistrict = lists.Select(l => l.ToArray()).ToArray();
            }

            return _byDistrict[district];
        }
    }

    /// <summary>How many entities each district holds, by district code.</summary>
    public IReadOnlyDictionary<string, int> CountByDistrict() =>
        Enumerable.Range(0, _codes.Districts.Count).ToDictionary(d => _codes.Districts[d], d => InDistrict(d).Count, StringComparer.Ordinal);
}
