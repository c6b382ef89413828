namespace RiskEngine.Domain;

/// <summary>企业信用风险分类 (SAMR 2022): A lowest credit risk ... D highest. It scales the entity's prior.</summary>
public enum CreditClass
{
    A,
    B,
    C,
    D,
}
