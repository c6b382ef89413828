namespace RiskEngine.Domain;

/// <summary>风险等级: the four colours regulators grade risk in, lowest first.</summary>
public enum RiskLevel
{
    /// <summary>蓝, 低风险.</summary>
    Blue,

    /// <summary>黄, 一般风险.</summary>
    Yellow,

    /// <summary>橙, 较大风险.</summary>
    Orange,

    /// <summary>红, 重大风险.</summary>
    Red,
}
