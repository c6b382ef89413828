namespace RiskEngine.LoadTests.Stats;

/// <summary>One reading of GET /api/v1/system/stats, summed over the servers that answered.</summary>
/// <param name="Seconds">Since the run started.</param>
/// <param name="Stage">What the run was doing: "registered", a phase's name, "drained".</param>
/// <param name="Servers">How many servers answered.</param>
/// <param name="WorkingSetBytes">Resident memory of the server processes.</param>
/// <param name="ManagedHeapBytes">Their managed heaps.</param>
/// <param name="Activations">Live grain activations.</param>
/// <param name="ActivationsByType">Live activations by grain type.</param>
public sealed record StatsSample(
    double Seconds,
    string Stage,
    int Servers,
    long WorkingSetBytes,
    long ManagedHeapBytes,
    long Activations,
    IReadOnlyDictionary<string, long> ActivationsByType);
