using RiskEngine.Domain;

namespace RiskEngine.LoadTests.Workload;

/// <summary>
/// An elevator entrapment storm (a city-wide power cut or a rainstorm): fault reports with entrapment=true from
/// the 96333 elevator IoT platform, on a few thousand of the city's elevators, several per unit. Event times are
/// the minutes before the epoch.
/// </summary>
public sealed class EntrapmentStorm : ISignalGenerator
{
    /// <summary>How many elevators the storm strikes, at most.</summary>
    public const int AffectedElevators = 5000;

    private readonly string[] _elevators;
    private readonly SignalTemplate _entrapment = SignalTemplate.Validated(SignalKind.Fault, "96333", """{"entrapment":true}""");
    private readonly DateTimeOffset _epoch;

    public EntrapmentStorm(EquipmentPopulation equipment, DateTimeOffset epoch)
    {
        var elevators = equipment.Elevators();
        if (elevators.Length == 0)
        {
            throw new InvalidOperationException("The city has no elevators for the entrapment storm; register equipment (--equipment).");
        }

        // Spread over the register, not its first units only: every district has its share of the storm.
        var stride = Math.Max(1, elevators.Length / AffectedElevators);
        _elevators = elevators.Where((_, i) => i % stride == 0).Take(AffectedElevators).Select(equipment.CodeAt).ToArray();
        _epoch = epoch;
        Description = $"entrapments on {_elevators.Length:N0} elevators";
    }

    public string Description { get; }

    public GeneratedSignal At(ulong hash) => new(
        _entrapment,
        _elevators[(int)(hash % (ulong)_elevators.Length)],
        _epoch.AddSeconds(-(long)(SplitMix64.Hash(hash) % 1800)));
}
