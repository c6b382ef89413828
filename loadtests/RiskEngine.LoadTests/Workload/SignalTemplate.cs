using System.Text.Json;
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

    /// <summary>
    /// A template whose data has been put through the domain's own codec, which both proves the engine will accept
    /// it and yields the exact text its log stores.
    /// </summary>
    /// <exception cref="InvalidOperationException">The data is not valid for the kind.</exception>
    public static SignalTemplate Validated(SignalKind kind, string source, string wireData)
    {
        using var document = JsonDocument.Parse(wireData);
        if (!SignalFactsCodec.TryParse(kind, document.RootElement, out var facts, out var error))
        {
            throw new InvalidOperationException($"The workload's {kind.ToWire()} data {wireData} is invalid for the engine: {error}");
        }

        return new SignalTemplate(kind, source, wireData, SignalFactsCodec.ToJson(facts!));
    }
}
