using FsCheck;
using FsCheck.Fluent;
using RiskEngine.Domain;

namespace RiskEngine.Domain.Tests;

/// <summary>A subject's registration data and the events it has seen (seqs 1..n), as generated for properties.</summary>
public sealed record EntityScenario(EntityProfile Profile, IReadOnlyList<RiskEvent> Events)
{
    public RiskHistory History() => Scenarios.Fold(Events);

    public override string ToString() => $"{Profile} with [{string.Join(", ", Events.Select(Scenarios.Describe))}]";
}

public sealed record EquipmentScenario(EquipmentProfile Profile, IReadOnlyList<RiskEvent> Events)
{
    public RiskHistory History() => Scenarios.Fold(Events);

    public override string ToString() => $"{Profile} with [{string.Join(", ", Events.Select(Scenarios.Describe))}]";
}

/// <summary>An entity whose events are all bad news (for the decay property).</summary>
public sealed record BadNewsEntityScenario(EntityScenario Scenario)
{
    public override string ToString() => Scenario.ToString();
}

/// <summary>One more event to add to a scenario; its seq is above any scenario's.</summary>
public sealed record BadEntityNews(RiskEvent Event)
{
    public override string ToString() => Scenarios.Describe(Event);
}

public sealed record GoodEntityNews(RiskEvent Event)
{
    public override string ToString() => Scenarios.Describe(Event);
}

public sealed record BadEquipmentNews(RiskEvent Event)
{
    public override string ToString() => Scenarios.Describe(Event);
}

public sealed record GoodEquipmentNews(RiskEvent Event)
{
    public override string ToString() => Scenarios.Describe(Event);
}

/// <summary>Facts of one kind, for codec round trips.</summary>
public sealed record KindAndFacts(SignalKind Kind, SignalFacts Facts)
{
    public override string ToString() => $"{Kind.ToWire()} {SignalFactsCodec.ToJson(Facts)}";
}

/// <summary>Generators of the model's inputs around a fixed "now".</summary>
public static class Scenarios
{
    public const long AddedSeq = 1_000_000;

    // Up to 3 years of history, and up to 2 days in the future (sources with fast clocks).
    private const int OldestMinutes = 3 * 365 * 24 * 60;
    private const int FutureMinutes = 2 * 24 * 60;

    public static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(8));

    private static readonly Gen<DateTimeOffset> Time = Gen.Choose(-FutureMinutes, OldestMinutes).Select(minutes => Now.AddMinutes(-minutes));

    private static readonly Gen<Severity> AnySeverity = Gen.Elements(Severity.Minor, Severity.Major, Severity.Critical);

    private static readonly Gen<string> HazardIds = Gen.Elements("H-1", "H-2", "H-3", "H-4", "H-5");

    private static readonly Gen<DateOnly> DateNearNow = Gen.Choose(-400, 800).Select(days => DateOnly.FromDateTime(Now.DateTime).AddDays(days));

    private static readonly Gen<string> Text = Gen.ArrayOf(Gen.Elements("a", "Z", "0", " ", "铅", "菌落总数", "\"", "\\", "/", "\n", "\t", "\u0001", "😀", "<b>", "é"))
        .Select(parts => string.Concat(parts));

    private static readonly Gen<string?> OptionalText = Gen.Frequency((1, Gen.Constant<string?>(null)), (3, Text.Select(text => (string?)text)));

    public static Gen<(SignalKind Kind, SignalFacts Facts)> InspectionWith(params InspectionResult[] results) =>
        from result in Gen.Elements(results)
        from count in Gen.Choose(0, 3)
        from findings in Gen.ArrayOf(AnySeverity, count)
        select (SignalKind.Inspection, (SignalFacts)new InspectionFacts(result, result == InspectionResult.Pass ? [] : findings));

    public static Gen<(SignalKind Kind, SignalFacts Facts)> Complaint =>
        OptionalText.Select(category => (SignalKind.Complaint, (SignalFacts)new ComplaintFacts(category)));

    public static Gen<(SignalKind Kind, SignalFacts Facts)> SamplingWith(params bool[] failed) =>
        from fails in Gen.Elements(failed)
        from item in OptionalText
        from severity in Gen.Frequency((1, Gen.Constant<Severity?>(null)), (3, AnySeverity.Select(s => (Severity?)s)))
        select (SignalKind.Sampling, (SignalFacts)new SamplingFacts(fails, item, severity));

    public static Gen<(SignalKind Kind, SignalFacts Facts)> CreditWith(params CreditEvent[] events) =>
        Gen.Elements(events).Select(e => (SignalKind.Credit, (SignalFacts)new CreditFacts(e)));

    public static Gen<(SignalKind Kind, SignalFacts Facts)> HazardWith(params bool[] open) =>
        from id in HazardIds
        from isOpen in Gen.Elements(open)
        from severity in AnySeverity
        select (SignalKind.Hazard, (SignalFacts)new HazardFacts(id, isOpen, severity));

    public static Gen<(SignalKind Kind, SignalFacts Facts)> EquipmentInspectionWith(params bool[] failed) =>
        from fails in Gen.Elements(failed)
        from nextDue in Gen.Frequency((1, Gen.Constant<DateOnly?>(null)), (2, DateNearNow.Select(d => (DateOnly?)d)))
        select (SignalKind.EquipmentInspection, (SignalFacts)new EquipmentInspectionFacts(fails, nextDue));

    public static Gen<(SignalKind Kind, SignalFacts Facts)> FaultWith(params bool[] entrapment) =>
        Gen.Elements(entrapment).Select(e => (SignalKind.Fault, (SignalFacts)new FaultFacts(e)));

    public static Gen<(SignalKind Kind, SignalFacts Facts)> Maintenance => Gen.Constant((SignalKind.Maintenance, (SignalFacts)new MaintenanceFacts()));

    public static Gen<(SignalKind Kind, SignalFacts Facts)> DueDateSignal =>
        from kind in Gen.Elements(SignalKind.InspectionDueSoon, SignalKind.InspectionOverdue, SignalKind.MaintenanceOverdue)
        from date in DateNearNow
        select (kind, (SignalFacts)new DueDateFacts(date));

    public static Gen<(SignalKind Kind, SignalFacts Facts)> AnyEntityFacts => Gen.Frequency(
        (3, InspectionWith(Enum.GetValues<InspectionResult>())),
        (4, Complaint),
        (4, SamplingWith(true, false)),
        (1, CreditWith(Enum.GetValues<CreditEvent>())),
        (2, HazardWith(true, false)));

    public static Gen<(SignalKind Kind, SignalFacts Facts)> BadEntityFacts => Gen.OneOf(
        InspectionWith(InspectionResult.Issues, InspectionResult.Rectify, InspectionResult.Closed),
        Complaint,
        SamplingWith(true),
        CreditWith(CreditEvent.AbnormalList, CreditEvent.DishonestList, CreditEvent.Penalty),
        HazardWith(true));

    public static Gen<(SignalKind Kind, SignalFacts Facts)> GoodEntityFacts => Gen.OneOf(
        InspectionWith(InspectionResult.Pass),
        SamplingWith(false));

    public static Gen<(SignalKind Kind, SignalFacts Facts)> AnyEquipmentFacts => Gen.Frequency(
        (3, EquipmentInspectionWith(true, false)),
        (4, Maintenance),
        (4, FaultWith(true, false)),
        (2, HazardWith(true, false)),
        (1, DueDateSignal));

    public static Gen<(SignalKind Kind, SignalFacts Facts)> BadEquipmentFacts => Gen.OneOf(
        EquipmentInspectionWith(true),
        FaultWith(true, false),
        HazardWith(true));

    public static Gen<EntityProfile> EntityProfiles =>
        from industry in Gen.Elements(ShippedSeeds.Catalog.Industries.Select(i => (string?)i.Code).Append(null).Append("unknown-industry"))
        from creditClass in Gen.Elements(Enum.GetValues<CreditClass>())
        select new EntityProfile("generated", "420112", industry, creditClass);

    public static Gen<EquipmentProfile> EquipmentProfiles =>
        from equipmentClass in Gen.Elements(Enum.GetValues<EquipmentClass>())
        from due in Gen.Frequency((1, Gen.Constant<DateOnly?>(null)), (3, DateNearNow.Select(d => (DateOnly?)d)))
        from maintainedHoursAgo in Gen.Frequency((1, Gen.Constant<int?>(null)), (3, Gen.Choose(0, 90 * 24).Select(h => (int?)h)))
        select new EquipmentProfile("generated", "420112", equipmentClass, null, due, maintainedHoursAgo is { } hours ? Now.AddHours(-hours) : null);

    public static Gen<RiskEvent> EventOf(Gen<(SignalKind Kind, SignalFacts Facts)> facts, long seq) =>
        from f in facts
        from at in Time
        select new RiskEvent(seq, f.Kind, at, f.Facts);

    public static Gen<IReadOnlyList<RiskEvent>> EventsOf(Gen<(SignalKind Kind, SignalFacts Facts)> facts, int maxCount) =>
        from count in Gen.Choose(0, maxCount)
        from items in Gen.ArrayOf(facts, count)
        from times in Gen.ArrayOf(Time, count)
        select (IReadOnlyList<RiskEvent>)items.Select((f, i) => new RiskEvent(i + 1, f.Kind, times[i], f.Facts)).ToArray();

    public static Gen<KindAndFacts> AnyKindAndFacts =>
        from f in Gen.OneOf(AnyEntityFacts, AnyEquipmentFacts)
        select new KindAndFacts(f.Kind, f.Facts);

    public static RiskHistory Fold(IEnumerable<RiskEvent> events) =>
        events.Aggregate(RiskHistory.Empty, (history, e) => history.Apply(e, ShippedSeeds.Parameters));

    public static string Describe(RiskEvent e) =>
        $"#{e.Seq} {e.Kind.ToWire()} {(Now - e.OccurredAt).TotalHours:0.#}h ago {SignalFactsCodec.ToJson(e.Facts)}";

    /// <summary>Shrinks a scenario by dropping one event at a time, so a failure reports a small case.</summary>
    public static IEnumerable<IReadOnlyList<RiskEvent>> Smaller(IReadOnlyList<RiskEvent> events) =>
        Enumerable.Range(0, events.Count).Select(skip => (IReadOnlyList<RiskEvent>)events.Where((_, i) => i != skip).ToArray());
}

/// <summary>Registers the generators with FsCheck: <c>[Property(Arbitrary = [typeof(ModelArbitraries)])]</c>.</summary>
public static class ModelArbitraries
{
    // Kept below every history cap, so that adding an event never pushes an old one out (caps are tested apart).
    private const int MaxEntityEvents = 30;
    private const int MaxEquipmentEvents = 9;

    public static Arbitrary<EntityScenario> EntityScenarios() =>
        Arb.From(
            from profile in Scenarios.EntityProfiles
            from events in Scenarios.EventsOf(Scenarios.AnyEntityFacts, MaxEntityEvents)
            select new EntityScenario(profile, events),
            scenario => Scenarios.Smaller(scenario.Events).Select(events => scenario with { Events = events }));

    public static Arbitrary<BadNewsEntityScenario> BadNewsEntityScenarios() =>
        Arb.From(
            from profile in Scenarios.EntityProfiles
            from events in Scenarios.EventsOf(Scenarios.BadEntityFacts, MaxEntityEvents)
            select new BadNewsEntityScenario(new EntityScenario(profile, events)),
            bad => Scenarios.Smaller(bad.Scenario.Events).Select(events => new BadNewsEntityScenario(bad.Scenario with { Events = events })));

    public static Arbitrary<EquipmentScenario> EquipmentScenarios() =>
        Arb.From(
            from profile in Scenarios.EquipmentProfiles
            from events in Scenarios.EventsOf(Scenarios.AnyEquipmentFacts, MaxEquipmentEvents)
            select new EquipmentScenario(profile, events),
            scenario => Scenarios.Smaller(scenario.Events).Select(events => scenario with { Events = events }));

    public static Arbitrary<BadEntityNews> BadEntityNews() =>
        Scenarios.EventOf(Scenarios.BadEntityFacts, Scenarios.AddedSeq).Select(e => new BadEntityNews(e)).ToArbitrary();

    public static Arbitrary<GoodEntityNews> GoodEntityNews() =>
        Scenarios.EventOf(Scenarios.GoodEntityFacts, Scenarios.AddedSeq).Select(e => new GoodEntityNews(e)).ToArbitrary();

    public static Arbitrary<BadEquipmentNews> BadEquipmentNews() =>
        Scenarios.EventOf(Scenarios.BadEquipmentFacts, Scenarios.AddedSeq).Select(e => new BadEquipmentNews(e)).ToArbitrary();

    public static Arbitrary<GoodEquipmentNews> GoodEquipmentNews() =>
        Scenarios.EventOf(Scenarios.Maintenance, Scenarios.AddedSeq).Select(e => new GoodEquipmentNews(e)).ToArbitrary();

    public static Arbitrary<KindAndFacts> KindsAndFacts() => Scenarios.AnyKindAndFacts.ToArbitrary();
}
