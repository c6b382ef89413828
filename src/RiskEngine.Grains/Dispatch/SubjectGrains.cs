using RiskEngine.Abstractions;
using RiskEngine.Domain;

namespace RiskEngine.Grains.Dispatch;

/// <summary>The grain of a subject, by kind.</summary>
public static class SubjectGrains
{
    public static ISubjectGrain Of(IGrainFactory grains, SubjectKind kind, string subjectId) =>
        kind == SubjectKind.Entity ? grains.GetEntity(subjectId) : grains.GetEquipment(subjectId);
}
