namespace RiskEngine.Domain;

/// <summary>A change in an entity's credit standing (wire: abnormal-list, abnormal-list-removed, dishonest-list, dishonest-list-removed, penalty).</summary>
public enum CreditEvent
{
    /// <summary>Put on the 经营异常名录 (abnormal-operations list).</summary>
    AbnormalList,
    AbnormalListRemoved,

    /// <summary>Put on the 严重违法失信名单 (serious dishonesty list).</summary>
    DishonestList,
    DishonestListRemoved,

    /// <summary>An administrative penalty (行政处罚).</summary>
    Penalty,
}
