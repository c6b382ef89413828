using Microsoft.Extensions.Options;
using RiskEngine.Domain;
using RiskEngine.Domain.Alerts;
using RiskEngine.Grains.Dispatch;
using RiskEngine.Grains.Learning;
using RiskEngine.Storage;

namespace RiskEngine.Grains.Subjects;

/// <summary>What every subject grain needs from its silo, injected as one.</summary>
public sealed class SubjectServices(
    ISignalLog log,
    ISubjectDirectory directory,
    CurrentModel model,
    RiskCatalog catalog,
    DirtySubjectTracker tracker,
    IOptions<EngineOptions> options,
    TimeProvider clock,
    AlertRuleSet alerts,
    SubjectEffectSender effects,
    SubjectResidency residency,
    OutcomeRecorder outcomes)
{
    private SubjectRules _rules = new(model.Model, alerts, options.Value.ReportScoreDelta);

    /// <summary>Which subjects have a grain in memory here; grains tell it when they leave.</summary>
    public SubjectResidency Residency { get; } = residency;

    /// <summary>Where a subject's reports and alerts go.</summary>
    public SubjectEffectSender Effects { get; } = effects;

    /// <summary>The model (the newest fitted version this server has), rules and thresholds every subject's signals are applied with.</summary>
    public SubjectRules Rules
    {
        get
        {
            var rules = Volatile.Read(ref _rules);
            var current = model.Model;
            if (!ReferenceEquals(rules.Model, current))
            {
                rules = rules with { Model = current };
                Volatile.Write(ref _rules, rules);
            }

            return rules;
        }
    }

    /// <summary>Where the outcomes a fold pairs go (to the store, for the fits).</summary>
    public OutcomeRecorder Outcomes { get; } = outcomes;

    public ISignalLog Log { get; } = log;

    public ISubjectDirectory Directory { get; } = directory;

    /// <summary>The model reads score with: the newest fitted version this server has.</summary>
    public RiskModel Model => model.Model;

    public RiskCatalog Catalog { get; } = catalog;

    /// <summary>Which districts hold changes not yet in their stored snapshot (subjects' own are in <c>ResidentSnapshots</c>).</summary>
    public DirtySubjectTracker Tracker { get; } = tracker;

    public EngineOptions Options { get; } = options.Value;

    public TimeProvider Clock { get; } = clock;
}
