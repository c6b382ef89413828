using RiskEngine.Domain;

namespace RiskEngine.LoadTests.Workload;

/// <summary>One shape of signal the workload sends: its kind, source system and facts.</summary>
/// <param name="Kind">The signal kind.</param>
/// <param name="Source">The sending system; with the signal's number it forms the unique (source, sourceId).</param>
/// <param name="WireData">The <c>data</c> object as a client sends it.</param>
/// <param name="StoredData">The canonical JSON the engine's log stores for it (what the raw baseline inserts).</param>
public sealed record SignalTemplate(SignalKind Kind, string Source, string WireData, string StoredData)
{
    /// <summary>The kind's name on the wire and in the log, e.g. "complaint".</summary>
    public string KindWire { get; } = Kind.ToWire();
}
