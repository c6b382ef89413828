using Microsoft.Extensions.Options;
using RiskEngine.Domain;
using RiskEngine.Domain.Alerts;
using RiskEngine.Grains.Aggregates;
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
    DistrictReports districts,
    SubjectResidency residency)
{
    /// <summary>Which subjects have a grain in memory here; grains tell it when they leave.</summary>
    public SubjectResidency Residency { get; } = residency;

    /// <summary>Where subjects send their level reports (gathered per district).</summary>
    public DistrictReports Districts { get; } = districts;

    public AlertRuleSet Alerts { get; } = alerts;

    public ISignalLog Log { get; } = log;

    public ISubjectDirectory Directory { get; } = directory;

    public RiskModel Model { get; } = model;

    public RiskCatalog Catalog { get; } = catalog;

    public DirtySubjectTracker Tracker { get; } = tracker;

    public EngineOptions Options { get; } = options.Value;

    public TimeProvider Clock { get; } = clock;
}
