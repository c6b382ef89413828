namespace RiskEngine.LoadTests.Reporting;

/// <summary>One of a report's figures beside its target (the performance targets of the design), measured in the same run.</summary>
/// <param name="What">What is compared, e.g. "end-to-end durable / pg-only".</param>
/// <param name="Value">The figure; null when it could not be measured (a yardstick not run, the overload left out).</param>
/// <param name="Unit">"x" for a ratio, "ms", "µs", "/s" for a rate, or "" for a count.</param>
/// <param name="Target">The target in words, e.g. ">= 0.6"; "-" when there is none.</param>
/// <param name="Met">Whether the figure meets it; null when there is no target or no figure.</param>
/// <param name="Detail">The figures it was computed from, or why there is none.</param>
public sealed record TargetFigure(string What, double? Value, string Unit, string Target, bool? Met, string Detail);
