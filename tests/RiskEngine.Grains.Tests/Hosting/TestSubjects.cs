using System.Globalization;
using RiskEngine.Domain;

namespace RiskEngine.Grains.Tests.Hosting;

/// <summary>Valid, never-repeated subject ids for tests.</summary>
public static class TestSubjects
{
    public const string District = "420112";

    private static int _entities;
    private static int _units;

    /// <summary>A USCC of an enterprise registered in <paramref name="district"/> (its division code).</summary>
    public static string NewEntity(string district = District)
    {
        var serial = Interlocked.Increment(ref _entities).ToString("D9", CultureInfo.InvariantCulture);
        return Uscc.FromBody("91" + district + serial).Value;
    }

    /// <summary>The code of a passenger elevator (variety 3110).</summary>
    public static string NewElevator() =>
        EquipmentCode.Create("3110", 12345, 2015, Interlocked.Increment(ref _units)).Value;
}
