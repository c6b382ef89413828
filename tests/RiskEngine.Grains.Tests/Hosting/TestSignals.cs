using System.Globalization;
using RiskEngine.Abstractions;
using RiskEngine.Domain;
using RiskEngine.Storage;

namespace RiskEngine.Grains.Tests.Hosting;

/// <summary>Signals as a validated source would send them, with unique source ids unless one is given.</summary>
public static class TestSignals
{
    public const string Source = "grain-tests";

    private static long _sourceIds;

    public static string NewSourceId() => "s-" + Interlocked.Increment(ref _sourceIds).ToString(CultureInfo.InvariantCulture);

    /// <summary>A signal about an entity; the district comes from its USCC, as for an unregistered one at the API.</summary>
    public static SignalToAppend ForEntity(string uscc, SignalKind kind, SignalFacts facts, DateTimeOffset occurredAt, string? sourceId = null) =>
        new(Source, sourceId ?? NewSourceId(), SubjectKind.Entity, uscc, kind, occurredAt, SignalFactsCodec.ToJson(facts), Uscc.Parse(uscc).DivisionCode);

    public static SignalToAppend ForEquipment(string code, string district, SignalKind kind, SignalFacts facts, DateTimeOffset occurredAt, string? sourceId = null) =>
        new(Source, sourceId ?? NewSourceId(), SubjectKind.Equipment, code, kind, occurredAt, SignalFactsCodec.ToJson(facts), district);

    public static SignalToAppend Complaint(string uscc, DateTimeOffset at) =>
        ForEntity(uscc, SignalKind.Complaint, new ComplaintFacts(null), at);

    public static SignalToAppend FailedSample(string uscc, DateTimeOffset at, Severity? severity = null) =>
        ForEntity(uscc, SignalKind.Sampling, new SamplingFacts(true, "lead", severity), at);

    public static SignalToAppend PassedSample(string uscc, DateTimeOffset at) =>
        ForEntity(uscc, SignalKind.Sampling, new SamplingFacts(false, null, null), at);

    public static SignalToAppend Inspection(string uscc, DateTimeOffset at, InspectionResult result, params Severity[] findings) =>
        ForEntity(uscc, SignalKind.Inspection, new InspectionFacts(result, findings), at);

    public static SignalToAppend Hazard(string uscc, DateTimeOffset at, string hazardId, bool open, Severity severity = Severity.Critical) =>
        ForEntity(uscc, SignalKind.Hazard, new HazardFacts(hazardId, open, severity), at);

    /// <summary>The same signal as the dispatcher would hand it to a grain at log position <paramref name="seq"/>.</summary>
    public static SignalEnvelope Envelope(long seq, SignalToAppend signal, DateTimeOffset ingestedAt) =>
        new(seq, signal.Kind, signal.OccurredAt, ingestedAt, signal.Data);
}
