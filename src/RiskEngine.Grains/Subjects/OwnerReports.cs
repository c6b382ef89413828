using RiskEngine.Abstractions;

namespace RiskEngine.Grains.Subjects;

/// <summary>A unit's risk feeds the entity that owns it: the owner hears when the score moved enough, or the owner changed.</summary>
public static class OwnerReports
{
    /// <summary>Tells the owner (and a previous owner, that it lost the unit) when due; true when a new owner was recorded.</summary>
    public static async Task<bool> SendAsync(
        IGrainFactory grains, EquipmentState state, SubjectFacts facts, string code, double score, bool force, double scoreDelta)
    {
        if (facts.Owner is not { } owner)
        {
            return false;
        }

        var ownerChanged = state.ReportedOwner != owner;
        if (!force && !ownerChanged && Math.Abs(score - (state.ScoreToldOwner ?? -1)) < scoreDelta)
        {
            return false;
        }

        if (ownerChanged && state.ReportedOwner is { } previous)
        {
            await grains.GetEntity(previous).ReportEquipmentAsync(code, 0, state.LastCause);
        }

        await grains.GetEntity(owner).ReportEquipmentAsync(code, score, state.LastCause);
        state.ScoreToldOwner = score;
        if (!ownerChanged)
        {
            return false;
        }

        state.ReportedOwner = owner;
        return true;
    }
}
