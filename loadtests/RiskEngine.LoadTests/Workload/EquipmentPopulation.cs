using System.Globalization;
using RiskEngine.Domain;

namespace RiskEngine.LoadTests.Workload;

/// <summary>
/// The generated special-equipment register: unit i has a modern 18-digit code (a variety of its class, drawn by
/// the seeded class shares, so about three in four are elevators; a manufacturer, a year of manufacture 1995-2025
/// and a serial chosen so no two units share a code), an owner among the entities (its 使用单位, whose district it
/// takes), a next periodic-inspection date spread over the coming year (4% already overdue by up to four months),
/// and a last maintenance within its class's interval (6% past it). Deterministic from the index and the epoch.
/// </summary>
public sealed class EquipmentPopulation
{
    public const double OverdueShare = 0.04;
    public const double MaintenanceOverdueShare = 0.06;
    private const ulong Seed = 0x5EED_E9C1_0000_0002UL;

    private readonly string[] _codes;
    private readonly int[] _owners;
    private readonly byte[] _classes;
    private readonly DateOnly[] _nextDue;
    private readonly float[] _maintenanceDaysAgo;
    private readonly EntityPopulation _entities;
    private readonly IReadOnlyList<EquipmentClassSeed> _classSeeds;

    /// <param name="codes">The seeded classes and their shares.</param>
    /// <param name="entities">Owners are drawn from them.</param>
    /// <param name="count">Units to generate (0 for none).</param>
    /// <param name="today">The day due dates are spread around, in the city's local time.</param>
    public EquipmentPopulation(SeedCodes codes, EntityPopulation entities, int count, DateOnly today)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 9_000_000);
        _entities = entities;
        _classSeeds = codes.EquipmentClasses;
        Today = today;
        _codes = new string[count];
        _owners = new int[count];
        _classes = new byte[count];
        _nextDue = new DateOnly[count];
        _maintenanceDaysAgo = new float[count];
        var classChoice = new WeightedChoice(codes.EquipmentClasses.Select(c => c.Share).ToArray());
        Parallel.For(0, count, i =>
        {
            var hash = SplitMix64.Hash(Seed ^ (ulong)i);
            var second = SplitMix64.Hash(hash);
            var third = SplitMix64.Hash(second);
            var classIndex = classChoice.Pick(hash);
            var seed = codes.EquipmentClasses[classIndex];
            var variety = seed.Varieties.Count > 0 ? seed.Varieties[(int)(second % (ulong)seed.Varieties.Count)] : seed.Code;

            // (manufacturer, serial) is unique per unit: units 100000 apart share a serial but never a manufacturer block.
            var manufacturer = 10_000 + i / 100_000 * 1_000 + (int)((second >> 32) % 1_000);
            var serial = i % 100_000;
            var year = 1995 + (int)(third % 31);
            _codes[i] = EquipmentCode.Create(variety, manufacturer, year, serial).Value;
            _owners[i] = (int)((third >> 20) % (ulong)entities.Count);
            _classes[i] = (byte)classIndex;

            var dueRoll = (third >> 8 & 0xFFFF) / 65536.0;
            _nextDue[i] = dueRoll < OverdueShare
                ? today.AddDays(-1 - (int)(dueRoll / OverdueShare * 120))
                : today.AddDays((int)((dueRoll - OverdueShare) / (1 - OverdueShare) * 365));
            var maintenanceRoll = (second & 0xFFFF) / 65536.0;
            var interval = seed.MaintenanceIntervalDays;
            _maintenanceDaysAgo[i] = (float)(maintenanceRoll < MaintenanceOverdueShare
                ? interval + 1 + maintenanceRoll / MaintenanceOverdueShare * interval
                : (maintenanceRoll - MaintenanceOverdueShare) / (1 - MaintenanceOverdueShare) * interval);
        });
    }

    public int Count => _codes.Length;

    public DateOnly Today { get; }

    public string CodeAt(int index) => _codes[index];

    public int OwnerIndex(int index) => _owners[index];

    public string OwnerUscc(int index) => _entities.UsccAt(_owners[index]);

    public string District(int index) => _entities.District(_owners[index]);

    public EquipmentClassSeed Class(int index) => _classSeeds[_classes[index]];

    public DateOnly NextInspectionDue(int index) => _nextDue[index];

    public bool IsOverdue(int index) => _nextDue[index] < Today;

    /// <summary>The last maintenance, <paramref name="now"/> less the unit's generated gap.</summary>
    public DateTimeOffset LastMaintenanceAt(int index, DateTimeOffset now) => now.AddDays(-_maintenanceDaysAgo[index]);

    public string Name(int index) => string.Create(CultureInfo.InvariantCulture, $"{Class(index).Zh}#{index + 1:D6}");

    /// <summary>The indices of the elevators, ascending.</summary>
    public int[] Elevators() => Enumerable.Range(0, Count).Where(i => Class(i).IsElevator).ToArray();

    /// <summary>Units per class code, for the report.</summary>
    public IReadOnlyDictionary<string, int> CountByClass() =>
        Enumerable.Range(0, Count).GroupBy(i => Class(i).Code).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    public int OverdueCount() => Enumerable.Range(0, Count).Count(IsOverdue);
}
