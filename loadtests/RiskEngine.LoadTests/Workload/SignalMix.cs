using RiskEngine.Domain;

namespace RiskEngine.LoadTests.Workload;

/// <summary>
/// The kinds of signal the workload sends and how often: complaints 40%, samplings 25%, inspections 25%,
/// hazards 10%, each in a few realistic variants (mostly good news). Every variant is put through the domain's
/// own codec at start-up, which both proves the engine will accept it and yields the exact text its log stores.
/// </summary>
public sealed class SignalMix
{
    private readonly (int Percent, SignalTemplate[] Variants)[] _kinds;

    public SignalMix()
    {
        _kinds =
        [
            (40, Variants(SignalKind.Complaint, "12315", "{}", """{"category":"food"}""", """{"category":"price"}""", """{"category":"service"}""")),
            (25, Variants(SignalKind.Sampling, "lab",
                """{"result":"pass","item":"lead"}""",
                """{"result":"pass","item":"microbes"}""",
                """{"result":"pass","item":"additives"}""",
                """{"result":"fail","item":"lead","severity":"major"}""")),
            (25, Variants(SignalKind.Inspection, "inspection",
                """{"result":"pass","findings":[]}""",
                """{"result":"pass","findings":[]}""",
                """{"result":"issues","findings":[{"severity":"minor"}]}""",
                """{"result":"rectify","findings":[{"severity":"major"},{"severity":"minor"}]}""")),
            (10, Variants(SignalKind.Hazard, "hazard",
                """{"hazardId":"hz-1","state":"open","severity":"major"}""",
                """{"hazardId":"hz-1","state":"rectified","severity":"major"}""")),
        ];
        if (_kinds.Sum(k => k.Percent) != 100)
        {
            throw new InvalidOperationException("The signal mix must add up to 100%.");
        }
    }

    /// <summary>The template chosen by a uniformly distributed <paramref name="hash"/>.</summary>
    public SignalTemplate Pick(ulong hash)
    {
        var percent = (int)(hash % 100);
        var variant = hash / 100;
        foreach (var (share, variants) in _kinds)
        {
            if (percent < share)
            {
                return variants[(int)(variant % (ulong)variants.Length)];
            }

            percent -= share;
        }

        throw new InvalidOperationException("unreachable: the mix adds up to 100%");
    }

    private static SignalTemplate[] Variants(SignalKind kind, string source, params string[] wireData) =>
        wireData.Select(wire => SignalTemplate.Validated(kind, source, wire)).ToArray();
}
