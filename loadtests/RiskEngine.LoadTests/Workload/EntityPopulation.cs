using RiskEngine.Domain;

namespace RiskEngine.LoadTests.Workload;

/// <summary>
/// The generated market entities: entity i is enterprise "91" + a district of the city + the organisation code
/// 70000000 + i with its GB 11714 check digit, completed with its GB 32100 check character. Deterministic, so a
/// signal can be regenerated from its number alone.
/// </summary>
public sealed class EntityPopulation
{
    private const int FirstOrganisation = 70_000_000;

    private readonly string[] _usccs;
    private readonly SeedCodes _codes;

    public EntityPopulation(SeedCodes codes, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 99_999_999 - FirstOrganisation);
        _codes = codes;
        _usccs = new string[count];
        for (var i = 0; i < count; i++)
        {
            _usccs[i] = Uscc.FromBody("91" + District(i) + OrganisationCode.WithCheckDigit(FirstOrganisation + i)).Value;
        }
    }

    public int Count => _usccs.Length;

    public string UsccAt(int index) => _usccs[index];

    public string District(int index) => _codes.Districts[index % _codes.Districts.Count];

    /// <summary>Industries cycle at a different stride than districts, so every district holds every industry.</summary>
    public string Industry(int index) => _codes.Industries[index / _codes.Districts.Count % _codes.Industries.Count];
}
