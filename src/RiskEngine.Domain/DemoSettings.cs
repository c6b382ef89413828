namespace RiskEngine.Domain;

/// <summary>
/// Settings of the demo feed that makes the wall move on a fresh install (seeds/demo.json): how many
/// subjects to register, how fast to send signals, and the random seed that makes a run repeatable.
/// </summary>
public sealed record DemoSettings(int Entities, int Equipment, double SignalsPerSecond, int Seed)
{
    public const string FileName = "demo.json";

    /// <summary>Relative frequency of each public signal kind the feed sends, keyed by kind; sums to 1.</summary>
    public IReadOnlyDictionary<SignalKind, double> SignalMix { get; init; } = new Dictionary<SignalKind, double>();

    /// <summary>Share of signals sent late (event time in the past), to exercise out-of-order handling.</summary>
    public double LateSignalFraction { get; init; }

    /// <summary>How late a late signal may be.</summary>
    public double MaxLatenessHours { get; init; }

    /// <summary>Share of signals sent twice with the same source id, to exercise idempotency.</summary>
    public double DuplicateFraction { get; init; }

    /// <summary>Share of entities that behave badly (complaint bursts, failed samples), so the wall shows some colour.</summary>
    public double TroubledFraction { get; init; }

    /// <exception cref="FormatException">Missing or out-of-range field; the message names it.</exception>
    public static DemoSettings Parse(string json)
    {
        var root = SeedObject.Root(json, FileName);
        return new DemoSettings(
            root.Integer("entities", 0, 10_000_000),
            root.Integer("equipment", 0, 10_000_000),
            root.Number("signalsPerSecond", 0, 1_000_000),
            root.Integer("seed", int.MinValue, int.MaxValue))
        {
            SignalMix = root.Has("signalMix") ? ReadMix(root.Object("signalMix")) : new Dictionary<SignalKind, double>(),
            LateSignalFraction = root.Has("lateSignalFraction") ? root.Number("lateSignalFraction", 0, 1) : 0,
            MaxLatenessHours = root.Has("maxLatenessHours") ? root.Number("maxLatenessHours", 0, 24 * 365) : 0,
            DuplicateFraction = root.Has("duplicateFraction") ? root.Number("duplicateFraction", 0, 1) : 0,
            TroubledFraction = root.Has("troubledFraction") ? root.Number("troubledFraction", 0, 1) : 0,
        };
    }

    private static Dictionary<SignalKind, double> ReadMix(SeedObject mix)
    {
        var weights = new Dictionary<SignalKind, double>();
        foreach (var name in mix.FieldNames())
        {
            if (!SignalKinds.TryParseWire(name, out var kind))
            {
                throw mix.Error(name, "not a public signal kind");
            }
            weights[kind] = mix.Number(name, 0, 1);
        }
        var sum = weights.Values.Sum();
        if (weights.Count > 0 && Math.Abs(sum - 1) > 0.001)
        {
            throw mix.Error(FormattableString.Invariant($"weights sum to {sum:0.####}, expected 1"));
        }
        return weights;
    }
}
