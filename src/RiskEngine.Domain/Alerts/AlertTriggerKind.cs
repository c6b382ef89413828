namespace RiskEngine.Domain.Alerts;

/// <summary>What makes a rule fire.</summary>
public enum AlertTriggerKind
{
    /// <summary>The subject's level reached the rule's level (from below).</summary>
    Level,

    /// <summary>A fault with people trapped.</summary>
    Entrapment,

    /// <summary>A failed periodic inspection of special equipment.</summary>
    EquipmentInspectionFailed,

    /// <summary>A sampling failure of at least the rule's severity.</summary>
    SamplingFailure,

    /// <summary>At least the rule's count of complaints within its window.</summary>
    ComplaintBurst,
}
