namespace RiskEngine.Domain;

/// <summary>Wire names of <see cref="SignalKind"/> and which subjects each applies to.</summary>
public static class SignalKinds
{
    private static readonly Dictionary<SignalKind, string> WireNames = new()
    {
        [SignalKind.Inspection] = "inspection",
        [SignalKind.Complaint] = "complaint",
        [SignalKind.Sampling] = "sampling",
        [SignalKind.Credit] = "credit",
        [SignalKind.Hazard] = "hazard",
        [SignalKind.EquipmentInspection] = "equipment-inspection",
        [SignalKind.Maintenance] = "maintenance",
        [SignalKind.Fault] = "fault",
        [SignalKind.InspectionDueSoon] = "inspection-due-soon",
        [SignalKind.InspectionOverdue] = "inspection-overdue",
        [SignalKind.MaintenanceOverdue] = "maintenance-overdue",
    };

    private static readonly Dictionary<string, SignalKind> KindsByWireName =
        WireNames.ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every kind, public ones first, in declaration order.</summary>
    public static IReadOnlyList<SignalKind> All { get; } = Enum.GetValues<SignalKind>();

    /// <summary>The kinds an outside source may send.</summary>
    public static IReadOnlyList<SignalKind> Public { get; } = All.Where(kind => !kind.IsInternal()).ToArray();

    /// <summary>
    /// Parses a kind an outside source may send. Internal kinds are refused: only the engine's own
    /// sweep may claim a due date passed.
    /// </summary>
    public static bool TryParseWire(string? wire, out SignalKind kind)
    {
        if (TryParseAnyWire(wire, out kind) && !kind.IsInternal())
        {
            return true;
        }
        return Fail(out kind);
    }

    /// <summary>Parses any kind, internal ones included (for reading the engine's own log).</summary>
    public static bool TryParseAnyWire(string? wire, out SignalKind kind)
    {
        if (wire is not null && KindsByWireName.TryGetValue(wire.Trim(), out kind))
        {
            return true;
        }
        return Fail(out kind);
    }

    public static string ToWire(this SignalKind kind) =>
        WireNames.TryGetValue(kind, out var wire) ? wire : throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown signal kind");

    public static bool IsInternal(this SignalKind kind) =>
        kind is SignalKind.InspectionDueSoon or SignalKind.InspectionOverdue or SignalKind.MaintenanceOverdue;

    /// <summary>Whether a signal of this kind may be about the given subject (hazards: both; entity kinds: entities; the rest: equipment).</summary>
    public static bool AcceptsSubject(this SignalKind kind, SubjectKind subject) => kind switch
    {
        SignalKind.Hazard => true,
        SignalKind.Inspection or SignalKind.Complaint or SignalKind.Sampling or SignalKind.Credit => subject == SubjectKind.Entity,
        _ => subject == SubjectKind.Equipment,
    };

    /// <summary>The <see cref="SignalFacts"/> type a signal of this kind carries.</summary>
    public static Type FactsType(this SignalKind kind) => kind switch
    {
        SignalKind.Inspection => typeof(InspectionFacts),
        SignalKind.Complaint => typeof(ComplaintFacts),
        SignalKind.Sampling => typeof(SamplingFacts),
        SignalKind.Credit => typeof(CreditFacts),
        SignalKind.Hazard => typeof(HazardFacts),
        SignalKind.EquipmentInspection => typeof(EquipmentInspectionFacts),
        SignalKind.Maintenance => typeof(MaintenanceFacts),
        SignalKind.Fault => typeof(FaultFacts),
        SignalKind.InspectionDueSoon or SignalKind.InspectionOverdue or SignalKind.MaintenanceOverdue => typeof(DueDateFacts),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown signal kind"),
    };

    private static bool Fail(out SignalKind kind)
    {
        kind = default;
        return false;
    }
}
