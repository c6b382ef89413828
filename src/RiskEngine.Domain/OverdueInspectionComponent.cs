using System.Globalization;

namespace RiskEngine.Domain;

/// <summary>
/// 超期未检: a unit past its periodic-inspection due date. Risk grows with the days overdue,
/// p = bump + (1 - bump)(1 - exp(-days / τ)), continuous with the small bump it already has while the
/// date is near. Driven by "now", so it rises with no signal at all; the sweep's internal signals only
/// make the subject rescore.
/// </summary>
internal static class OverdueInspectionComponent
{
    public static RiskComponent Evaluate(EquipmentSchedule schedule, double classWeight, RiskModelParameters p, DateTimeOffset now)
    {
        var parameters = p.Equipment.OverdueInspection;
        if (schedule.NextInspectionDue is not { } due)
        {
            // Unknown is not ignored: the failed-inspection component carries the class prior instead.
            return RiskComponent.Silent(RiskReasonCodes.InspectionOverdue);
        }
        var daysUntilDue = due.DayNumber - EquipmentScheduleFold.LocalDate(now, p).DayNumber;
        var weight = parameters.Weight * classWeight;
        if (daysUntilDue < 0)
        {
            var overdue = -daysUntilDue;
            var probability = parameters.DueSoonProbability + (1 - parameters.DueSoonProbability) * (1 - Math.Exp(-overdue / parameters.OverdueTimeConstantDays));
            return new RiskComponent(
                RiskReasonCodes.InspectionOverdue,
                weight,
                probability,
                string.Create(CultureInfo.InvariantCulture, $"超期未检{overdue}天（应于{ReasonText.Date(due)}前检验）"),
                string.Create(CultureInfo.InvariantCulture, $"inspection overdue by {ReasonText.Count(overdue, "day", "days")} (due {ReasonText.Date(due)})"));
        }
        if (daysUntilDue <= parameters.DueSoonDays)
        {
            return new RiskComponent(
                RiskReasonCodes.InspectionOverdue,
                weight,
                parameters.DueSoonProbability,
                daysUntilDue == 0
                    ? "定期检验今日到期"
                    : string.Create(CultureInfo.InvariantCulture, $"距定期检验到期还有{daysUntilDue}天（{ReasonText.Date(due)}）"),
                daysUntilDue == 0
                    ? "periodic inspection due today"
                    : $"periodic inspection due in {ReasonText.Count(daysUntilDue, "day", "days")} ({ReasonText.Date(due)})");
        }
        return RiskComponent.Silent(RiskReasonCodes.InspectionOverdue);
    }
}
