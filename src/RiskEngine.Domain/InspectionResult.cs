namespace RiskEngine.Domain;

/// <summary>Outcome of a routine or 双随机 inspection (wire: pass / issues / rectify / closed).</summary>
public enum InspectionResult
{
    /// <summary>No problem found.</summary>
    Pass,

    /// <summary>Problems found, graded by the findings' severities.</summary>
    Issues,

    /// <summary>责令整改: ordered to rectify.</summary>
    Rectify,

    /// <summary>责令停业: closed down.</summary>
    Closed,
}
