using System.Globalization;
using RiskEngine.Domain;

namespace RiskEngine.LoadTests.Workload;

/// <summary>
/// Everyday city traffic: four in five signals concern entities (complaints 36%, samplings 20%, inspections 16%,
/// hazards 6%, credit events 2%), one in five equipment units (maintenance records 12%, periodic inspections 4%,
/// faults 4%, one fault in twenty an entrapment), mostly good news. Subjects are drawn uniformly from the
/// registered city; event times lie between <c>newest</c> and <c>oldest</c> before the epoch, so the same mix
/// serves live traffic (minutes to hours old) and a backfill (a week old).
/// </summary>
public sealed class CityMix : ISignalGenerator
{
    private readonly EntityPopulation _entities;
    private readonly EquipmentPopulation _equipment;
    private readonly DateTimeOffset _epoch;
    private readonly long _newestSeconds;
    private readonly long _spanSeconds;
    private readonly WeightedChoice _kinds;
    private readonly (SignalTemplate Template, bool IsEquipment)[][] _variants;

    public CityMix(EntityPopulation entities, EquipmentPopulation equipment, DateTimeOffset epoch, TimeSpan newest, TimeSpan oldest, string description)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(newest, oldest);
        _entities = entities;
        _equipment = equipment;
        _epoch = epoch;
        _newestSeconds = (long)newest.TotalSeconds;
        _spanSeconds = Math.Max(1, (long)(oldest - newest).TotalSeconds);
        Description = description;
        var nextDue = DateOnly.FromDateTime(epoch.Date).AddYears(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var kinds = new List<(double Weight, (SignalTemplate, bool)[] Variants)>
        {
            (36, Entity(SignalKind.Complaint, "12315", """{}""", """{"category":"food"}""", """{"category":"price"}""", """{"category":"service"}""", """{"category":"quality"}""")),
            (20, Entity(SignalKind.Sampling, "lab",
                Repeat("""{"result":"pass","item":"microbes"}""", 11)
                    .Concat(Repeat("""{"result":"pass","item":"additives"}""", 11))
                    .Concat(Repeat("""{"result":"pass","item":"heavy-metals"}""", 10))
                    .Append("""{"result":"fail","item":"microbes","severity":"major"}""")
                    .ToArray())),
            (16, Entity(SignalKind.Inspection, "inspection",
                Repeat("""{"result":"pass","findings":[]}""", 17)
                    .Append("""{"result":"issues","findings":[{"severity":"minor"}]}""")
                    .Append("""{"result":"issues","findings":[{"severity":"minor"},{"severity":"major"}]}""")
                    .Append("""{"result":"rectify","findings":[{"severity":"major"}]}""")
                    .ToArray())),
            (6, Entity(SignalKind.Hazard, "hazard",
                """{"hazardId":"hz-1","state":"open","severity":"minor"}""",
                """{"hazardId":"hz-1","state":"rectified","severity":"minor"}""",
                """{"hazardId":"hz-2","state":"open","severity":"major"}""",
                """{"hazardId":"hz-2","state":"rectified","severity":"major"}""")),
            (2, Entity(SignalKind.Credit, "credit",
                """{"event":"penalty"}""", """{"event":"abnormal-list"}""", """{"event":"abnormal-list-removed"}""")),
        };
        if (equipment.Count > 0)
        {
            kinds.Add((12, Unit(SignalKind.Maintenance, "maintenance", """{}""")));
            kinds.Add((4, Unit(SignalKind.EquipmentInspection, "tsei",
                Repeat($$"""{"result":"pass","nextDue":"{{nextDue}}"}""", 19).Append($$"""{"result":"fail","nextDue":"{{nextDue}}"}""").ToArray())));
            kinds.Add((4, Unit(SignalKind.Fault, "96333",
                Repeat("""{"entrapment":false}""", 19).Append("""{"entrapment":true}""").ToArray())));
        }

        _kinds = new WeightedChoice(kinds.Select(k => k.Weight).ToArray());
        _variants = kinds.Select(k => k.Variants).ToArray();
    }

    public string Description { get; }

    public GeneratedSignal At(ulong hash)
    {
        var variants = _variants[_kinds.Pick(hash)];
        var second = SplitMix64.Hash(hash);
        var (template, isEquipment) = variants[(int)(second % (ulong)variants.Length)];
        var third = SplitMix64.Hash(second);
        var subject = isEquipment
            ? _equipment.CodeAt((int)(third % (ulong)_equipment.Count))
            : _entities.UsccAt((int)(third % (ulong)_entities.Count));
        var secondsBefore = _newestSeconds + (long)(SplitMix64.Hash(third) % (ulong)_spanSeconds);
        return new GeneratedSignal(template, subject, _epoch.AddSeconds(-secondsBefore));
    }

    private static IEnumerable<string> Repeat(string wire, int times) => Enumerable.Repeat(wire, times);

    private static (SignalTemplate, bool)[] Entity(SignalKind kind, string source, params string[] wire) =>
        wire.Select(w => (SignalTemplate.Validated(kind, source, w), false)).ToArray();

    private static (SignalTemplate, bool)[] Unit(SignalKind kind, string source, params string[] wire) =>
        wire.Select(w => (SignalTemplate.Validated(kind, source, w), true)).ToArray();
}
