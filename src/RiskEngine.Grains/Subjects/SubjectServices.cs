using Microsoft.Extensions.Options;
using RiskEngine.Domain;
using RiskEngine.Domain.Alerts;
using RiskEngine.Grains.Dispatch;
using RiskEngine.Storage;

namespace RiskEngine.Grains.Subjects;

/// <summary>What every subject grain needs from its silo, injected as one.</summary>
public sealed class SubjectServices(
    ISignalLog log,
    ISubjectDirectory directory,
    RiskModel model,
    RiskCatalog catalog,
    DirtySubjectTracker tracker,
    IOptions<EngineOptions> options,
    TimeProvider clock,
    AlertRuleSet alerts,
    SubjectEffectSender effects,
    SubjectResidency residency)
{
    /// <summary>Which subjects have a grain in memory here; grains tell it when they leave.</summary>
    public SubjectResidency Residency { get; } = residency;

    /// <summary>Where a subject's reports and alerts go.</summary>
    public SubjectEffectSender Effects { get; } = effects;

    /// <summary>The model, rules and thresholds every subject's signals are applied with.</summary>
    public SubjectRules Rules { get; } = new(model, alerts, options.Value.ReportScoreDelta);

    public ISignalLog Log { get; } = log;

    public ISubjectDirectory Directory { get; } = directory;

    public RiskModel Model { get; } = model;

    public RiskCatalog Catalog { get; } = catalog;

    /// <summary>Which districts hold changes not yet in their stored snapshot (subjects' own are in <c>ResidentSnapshots</c>).</summary>
    public DirtySubjectTracker Tracker { get; } = tracker;

    public EngineOptions Options { get; } = options.Value;

    public TimeProvider Clock { get; } = clock;
}
