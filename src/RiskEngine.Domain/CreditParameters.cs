namespace RiskEngine.Domain;

/// <summary>
/// The entity's credit component: list memberships are states (they hold until removed); penalties are
/// events that fade.
/// </summary>
/// <param name="Weight">Noisy-OR weight of the component.</param>
/// <param name="AbnormalListProbability">Component probability while on the 经营异常名录.</param>
/// <param name="DishonestListProbability">Component probability while on the 严重违法失信名单.</param>
/// <param name="PenaltyProbability">Component probability one fresh administrative penalty stands for.</param>
/// <param name="PenaltyHalfLifeDays">Event-time half-life of a penalty.</param>
public sealed record CreditParameters(
    double Weight,
    double AbnormalListProbability,
    double DishonestListProbability,
    double PenaltyProbability,
    double PenaltyHalfLifeDays)
{
    internal static CreditParameters Read(SeedObject json) => new(
        json.Number("weight", 0, ComponentWeights.Max),
        json.Number("abnormalListProbability", 0, 1),
        json.Number("dishonestListProbability", 0, 1),
        json.Number("penaltyProbability", 0, 1),
        json.Number("penaltyHalfLifeDays", 1, 36_500));
}
