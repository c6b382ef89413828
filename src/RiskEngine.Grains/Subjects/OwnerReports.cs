using RiskEngine.Abstractions;

namespace RiskEngine.Grains.Subjects;

/// <summary>A unit's risk feeds the entity that owns it: the owner hears when the score moved enough, or the owner changed.</summary>
public static class OwnerReports
{
    /// <summary>The report the owner (and a previous owner, that it lost the unit) is owed, or none.</summary>
    public static OwnerReport? Due(EquipmentState state, SubjectFacts facts, string code, double score, bool force, double scoreDelta)
    {
        if (facts.Owner is not { } owner)
        {
            return null;
        }

        var ownerChanged = state.ReportedOwner != owner;
        if (!force && !ownerChanged && Math.Abs(score - (state.ScoreToldOwner ?? -1)) < scoreDelta)
        {
            return null;
        }

        return new OwnerReport(code, owner, ownerChanged ? state.ReportedOwner : null, score, state.LastCause);
    }

    /// <summary>Records a delivered report; true when a new owner was recorded.</summary>
    public static bool Record(EquipmentState state, OwnerReport report)
    {
        state.ScoreToldOwner = report.Score;
        if (state.ReportedOwner == report.Owner)
        {
            return false;
        }

        state.ReportedOwner = report.Owner;
        return true;
    }
}

/// <summary>A unit's score for its owner, and the previous owner to clear it from when ownership moved.</summary>
public sealed record OwnerReport(string Code, string Owner, string? PreviousOwner, double Score, long Version);
