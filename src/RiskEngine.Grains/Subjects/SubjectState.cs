using RiskEngine.Domain;

namespace RiskEngine.Grains.Subjects;

/// <summary>
/// A subject's snapshot, written behind. It names the log positions it includes: all at or below
/// <see cref="AppliedFloor"/> and those in <see cref="RecentSeqs"/>; on activation the grain replays the log past the floor.
/// </summary>
[GenerateSerializer, Alias("subject-state")]
public class SubjectState
{
    [Id(0)] public List<SnapshotEvent> Events { get; set; } = [];

    [Id(1)] public long LastSeq { get; set; }

    [Id(2)] public int SignalCount { get; set; }

    [Id(3)] public RiskLevel? Level { get; set; }

    [Id(4)] public DateTimeOffset? UpdatedAt { get; set; }

    [Id(5)] public DateTimeOffset? MaxIngestedAt { get; set; }

    /// <summary>The newest log position that changed this subject, its own signals or those of owned units.</summary>
    [Id(6)] public long LastCause { get; set; }

    /// <summary>Every position at or below this one has been applied (or was never this subject's).</summary>
    [Id(7)] public long AppliedFloor { get; set; }

    /// <summary>
    /// The latest applied positions above the floor. Positions may arrive out of order when several servers
    /// append for one subject, so "applied" is a set, not a high-water mark.
    /// </summary>
    [Id(8)] public List<long> RecentSeqs { get; set; } = [];

    /// <summary>The district the subject last reported to, so a move is noticed even when it happened while the grain was idle.</summary>
    [Id(9)] public string? ReportedDistrict { get; set; }

    /// <summary>The level the district last heard, so a fold without the grain knows whether it owes a report.</summary>
    [Id(10)] public RiskLevel? ReportedLevel { get; set; }

    /// <summary>The score the district last heard (it ranks flagged subjects by it).</summary>
    [Id(11)] public double? ReportedScore { get; set; }

    /// <summary>
    /// The oldest log position folded since the snapshot was last stored; not part of the snapshot. The store holds the
    /// recovery checkpoint below it until the snapshot reaches the table.
    /// </summary>
    [field: NonSerialized]
    public long UnwrittenFrom { get; set; }
}

/// <summary>An entity's snapshot: its own events plus the latest risk of each unit it owns.</summary>
[GenerateSerializer, Alias("entity-state")]
public sealed class EntityState : SubjectState
{
    [Id(0)] public Dictionary<string, OwnedUnitRisk> Equipment { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>An equipment unit's snapshot.</summary>
[GenerateSerializer, Alias("equipment-state")]
public sealed class EquipmentState : SubjectState
{
    /// <summary>The owner last told of this unit's risk, so an ownership change can be noticed.</summary>
    [Id(0)] public string? ReportedOwner { get; set; }

    /// <summary>The score the owner last heard of this unit.</summary>
    [Id(1)] public double? ScoreToldOwner { get; set; }
}

/// <summary>An owned unit's latest score as its grain reported it, ordered by the unit's log position.</summary>
[GenerateSerializer, Immutable, Alias("owned-unit-risk")]
public sealed record OwnedUnitRisk([property: Id(0)] double Score, [property: Id(1)] long Version);
