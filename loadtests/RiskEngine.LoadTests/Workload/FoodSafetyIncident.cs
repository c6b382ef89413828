using RiskEngine.Domain;

namespace RiskEngine.LoadTests.Workload;

/// <summary>
/// A food-safety incident: a burst of failed samplings (microbes, additives, pesticide residues; major or
/// critical) at the food businesses (catering, food retail, food production) of one district, concentrated on a
/// few hundred of them, as when a contaminated supplier is traced: repeat failures drive those entities to red.
/// Event times are the minutes before the epoch (the lab results of the day).
/// </summary>
public sealed class FoodSafetyIncident : ISignalGenerator
{
    /// <summary>How many food businesses the incident touches, at most.</summary>
    public const int AffectedBusinesses = 300;

    private readonly string[] _subjects;
    private readonly SignalTemplate[] _failures;
    private readonly DateTimeOffset _epoch;

    public FoodSafetyIncident(EntityPopulation entities, int district, string districtCode, DateTimeOffset epoch)
    {
        var inDistrict = entities.InDistrict(district);
        var food = inDistrict.Where(entities.IsFoodBusiness).Take(AffectedBusinesses).ToArray();
        _subjects = (food.Length > 0 ? food : inDistrict.Take(AffectedBusinesses).ToArray()).Select(entities.UsccAt).ToArray();
        if (_subjects.Length == 0)
        {
            throw new InvalidOperationException($"District {districtCode} has no registered entities for the food-safety incident; register more entities.");
        }

        _failures =
        [
            SignalTemplate.Validated(SignalKind.Sampling, "lab", """{"result":"fail","item":"microbes","severity":"critical"}"""),
            SignalTemplate.Validated(SignalKind.Sampling, "lab", """{"result":"fail","item":"additives","severity":"major"}"""),
            SignalTemplate.Validated(SignalKind.Sampling, "lab", """{"result":"fail","item":"pesticide-residue","severity":"major"}"""),
            SignalTemplate.Validated(SignalKind.Sampling, "rapid-test", """{"result":"fail","item":"pesticide-residue","severity":"major"}"""),
        ];
        _epoch = epoch;
        Description = $"failed samplings at {_subjects.Length:N0} food businesses of district {districtCode}";
    }

    public string Description { get; }

    public GeneratedSignal At(ulong hash)
    {
        var second = SplitMix64.Hash(hash);
        return new GeneratedSignal(
            _failures[(int)(hash % (ulong)_failures.Length)],
            _subjects[(int)(second % (ulong)_subjects.Length)],
            _epoch.AddSeconds(-(long)(SplitMix64.Hash(second) % 3600)));
    }
}
