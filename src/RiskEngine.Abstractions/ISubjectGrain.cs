using Orleans.Concurrency;

namespace RiskEngine.Abstractions;

/// <summary>What entity and equipment grains have in common: they fold signals and answer with their risk.</summary>
public interface ISubjectGrain : IGrainWithStringKey
{
    /// <summary>Applies signals of this subject in log order; any already applied are skipped.</summary>
    Task ApplyAsync(IReadOnlyList<SignalEnvelope> signals);

    /// <summary>The subject's risk now, scored at the time of the call.</summary>
    [AlwaysInterleave]
    Task<SubjectRiskView> GetRiskAsync();

    /// <summary>Writes what the grain holds and leaves memory: another server owns the subject now that membership moved.</summary>
    Task LeaveMemoryAsync();

    /// <summary>
    /// The stored snapshot was written elsewhere since this grain read it: start again from it and the log past it, so
    /// whatever either writer applied counts once, and store the result.
    /// </summary>
    Task RebuildAsync();
}
