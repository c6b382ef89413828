using RiskEngine.Domain;

namespace RiskEngine.Server.Tests.Client;

/// <summary>Identifiers no other test uses: valid USCCs and equipment codes, and ones broken in one known way.</summary>
public static class TestSubjects
{
    public const string Dongxihu = "420112";
    public const string Jiangan = "420102";
    public const string Wuchang = "420106";

    private static int _next = Random.Shared.Next(1_000_000, 90_000_000);

    /// <summary>A valid USCC registered by the market regulator of <paramref name="district"/>.</summary>
    public static string Uscc(string district = Dongxihu) =>
        Domain.Uscc.FromBody($"91{district}{Interlocked.Increment(ref _next):D9}").Value;

    /// <summary>A valid USCC whose check character has been changed.</summary>
    public static string UsccWithWrongCheckCharacter(string district = Dongxihu)
    {
        var valid = Uscc(district);
        var wrong = Domain.Uscc.Charset.First(c => c != valid[^1]);
        return valid[..^1] + wrong;
    }

    /// <summary>
    /// A valid modern code of a traction passenger elevator (3110), never one that also passes the USCC check, so a
    /// hazard (entity or unit) naming it is unambiguously the unit's.
    /// </summary>
    public static string ElevatorCode()
    {
        while (true)
        {
            var code = AnyElevatorCode();
            if (!Domain.Uscc.TryParse(code, out _, out _))
            {
                return code;
            }
        }
    }

    /// <summary>A valid modern elevator code that happens to pass the USCC check too (about one code in 31 does).</summary>
    public static string ElevatorCodeThatIsAlsoAUscc()
    {
        while (true)
        {
            var code = AnyElevatorCode();
            if (Domain.Uscc.TryParse(code, out _, out _))
            {
                return code;
            }
        }
    }

    private static string AnyElevatorCode() =>
        EquipmentCode.Create("3110", 12345, 2015, Interlocked.Increment(ref _next) % 100_000).Value;
}
