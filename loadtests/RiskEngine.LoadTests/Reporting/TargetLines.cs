using System.Text;

namespace RiskEngine.LoadTests.Reporting;

/// <summary>The console's list of targets, aligned in columns: what, figure, target, verdict, detail.</summary>
public static class TargetLines
{
    public static void Append(StringBuilder text, string heading, IReadOnlyList<(string What, string Figure, string Target, string Verdict, string Detail)> targets)
    {
        text.AppendLine(heading);
        var targetWidth = targets.Max(t => t.What.Length);
        var valueWidth = targets.Max(t => t.Figure.Length);
        var goalWidth = targets.Max(t => t.Target.Length);
        foreach (var (what, figure, target, verdict, detail) in targets)
        {
            text.AppendLine($"  {what.PadRight(targetWidth)}  {figure.PadLeft(valueWidth)}  {target.PadRight(goalWidth)}  {verdict,-12}  {detail}");
        }
    }
}
