using System.Globalization;
using RiskEngine.Domain;

namespace RiskEngine.Storage.Tests.PostgreSql;

/// <summary>Ids that no other test of a shared schema uses: random valid USCCs, equipment codes, districts, sources.</summary>
public static class TestSubjects
{
    public static string Entity(string division = "420112") =>
        Uscc.FromBody(string.Create(CultureInfo.InvariantCulture, $"91{division}7{Random.Shared.Next(10_000_000):D7}1")).Value;

    public static string Unit() =>
        EquipmentCode.Create("3110", Random.Shared.Next(100_000), 2015, Random.Shared.Next(100_000)).Value;

    public static string District() => "d" + Guid.NewGuid().ToString("N")[..10];

    public static string Source() => "src-" + Guid.NewGuid().ToString("N")[..12];
}
