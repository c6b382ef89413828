namespace RiskEngine.Domain;

/// <summary>What a signal is about: a market entity (keyed by USCC) or a special-equipment unit (keyed by its code).</summary>
public enum SubjectKind
{
    Entity,
    Equipment,
}
