using System.Globalization;

namespace RiskEngine.Domain;

/// <summary>
/// 维保超期: days since the last maintenance visit beyond the class's statutory interval,
/// p = 1 - exp(-(days beyond) / τ). A unit with no maintenance known at all gets the class base rate:
/// never having heard of a visit is not evidence of one.
/// </summary>
internal static class MaintenanceGapComponent
{
    public static RiskComponent Evaluate(EquipmentSchedule schedule, EquipmentClassInfo classInfo, RiskModelParameters p, DateTimeOffset now)
    {
        var parameters = p.Equipment.MaintenanceGap;
        var weight = parameters.Weight * classInfo.Weight;
        if (schedule.LastMaintenanceAt is not { } last)
        {
            return new RiskComponent(
                RiskReasonCodes.MaintenanceGap,
                weight,
                classInfo.BaseRate,
                $"暂无维保记录，按{classInfo.Zh}类别基准（{ReasonText.Percent(classInfo.BaseRate)}）",
                $"no maintenance on record: {classInfo.En} baseline ({ReasonText.Percent(classInfo.BaseRate)})");
        }
        var gapDays = (now - last).TotalDays;
        var beyond = gapDays - classInfo.MaintenanceIntervalDays;
        if (beyond <= 0)
        {
            return RiskComponent.Silent(RiskReasonCodes.MaintenanceGap);
        }
        var wholeDays = (int)Math.Floor(gapDays);
        return new RiskComponent(
            RiskReasonCodes.MaintenanceGap,
            weight,
            1 - Math.Exp(-beyond / parameters.GapTimeConstantDays),
            string.Create(CultureInfo.InvariantCulture, $"维保间隔超过{classInfo.MaintenanceIntervalDays}天（已{wholeDays}天）"),
            string.Create(CultureInfo.InvariantCulture, $"maintenance overdue: {wholeDays} days since the last visit (limit {classInfo.MaintenanceIntervalDays})"));
    }
}
