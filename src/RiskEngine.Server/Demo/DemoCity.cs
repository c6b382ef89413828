using RiskEngine.Domain;
using RiskEngine.Storage;

namespace RiskEngine.Server.Demo;

/// <summary>
/// A small synthetic city for the demo feed: valid codes, districts and industries in the seeded shares,
/// and a few troubled subjects, so the wall shows every colour. Deterministic for a given seed, so a restart
/// registers the same subjects again instead of new ones.
/// </summary>
public sealed class DemoCity
{
    public DemoCity(RiskCatalog catalog, DemoSettings settings, DateTimeOffset now)
    {
        var random = new Random(settings.Seed);
        var districts = catalog.Districts;
        var entities = new List<EntityRegistration>(settings.Entities);
        for (var i = 0; i < settings.Entities; i++)
        {
            var district = districts[random.Next(districts.Count)];
            var soleTrader = random.NextDouble() < 0.5;
            var uscc = NewUscc(random, soleTrader ? "92" : "91", district.Code);
            var industry = Pick(random, catalog.Industries, x => x.Share);
            var credit = random.NextDouble() switch { < 0.30 => CreditClass.A, < 0.85 => CreditClass.B, < 0.97 => CreditClass.C, _ => CreditClass.D };
            entities.Add(new EntityRegistration(uscc, $"{district.Zh}{industry.Zh}{i + 1:D4}号", district.Code, industry.Code, credit));
        }

        var units = new List<EquipmentRegistration>(settings.Equipment);
        for (var i = 0; i < settings.Equipment; i++)
        {
            var owner = entities[random.Next(entities.Count)];
            var type = Pick(random, catalog.EquipmentClasses, x => x.Share);
            var variety = type.Varieties.Length > 0 ? type.Varieties[random.Next(type.Varieties.Length)] : $"{(int)type.Class}000";
            var code = EquipmentCode.Create(variety, random.Next(10000, 99999), random.Next(2000, 2026), i + 1);
            var nextDue = DateOnly.FromDateTime(now.UtcDateTime).AddDays(random.Next(-45, 365));
            var lastMaintenance = now.AddDays(-random.NextDouble() * 22);
            units.Add(new EquipmentRegistration(code.Value, $"{type.Zh}#{i + 1:D4}", owner.Uscc, owner.District, type.Class, nextDue, lastMaintenance));
        }

        Entities = entities;
        Equipment = units;
        Troubled = entities.Where(_ => random.NextDouble() < 0.06).Select(e => e.Uscc).ToHashSet(StringComparer.Ordinal);
        TroubledUnits = units.Where(_ => random.NextDouble() < 0.06).Select(u => u.Code).ToHashSet(StringComparer.Ordinal);
    }

    public IReadOnlyList<EntityRegistration> Entities { get; }

    public IReadOnlyList<EquipmentRegistration> Equipment { get; }

    /// <summary>Entities that draw bad news more often than the rest.</summary>
    public IReadOnlySet<string> Troubled { get; }

    public IReadOnlySet<string> TroubledUnits { get; }

    /// <summary>A valid USCC: authority and type, division, an organisation code with its GB 11714 check digit, and the check character.</summary>
    public static string NewUscc(Random random, string authorityAndType, string division)
    {
        Span<int> weights = [3, 7, 9, 10, 5, 8, 4, 2];
        var organisation = new char[8];
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            var digit = random.Next(10);
            organisation[i] = (char)('0' + digit);
            sum += digit * weights[i];
        }

        var check = 11 - sum % 11;
        var checkChar = check switch { 10 => 'X', 11 => '0', _ => (char)('0' + check) };
        return Uscc.FromBody($"{authorityAndType}{division}{new string(organisation)}{checkChar}").Value;
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items, Func<T, double> share)
    {
        var total = items.Sum(share);
        var target = random.NextDouble() * total;
        foreach (var item in items)
        {
            target -= share(item);
            if (target <= 0)
            {
                return item;
            }
        }

        return items[^1];
    }
}
