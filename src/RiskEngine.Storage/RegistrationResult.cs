namespace RiskEngine.Storage;

/// <summary>
/// What a batch of registrations did: how many created a subject, which updated a subject already known (registered
/// before, or first seen in a signal) with something new, those may have a live grain to tell, and how many repeated
/// what was stored already. An unchanged registration is not written and no grain hears of it, so importing a
/// registry again costs reads, not a grain for every subject.
/// </summary>
public sealed record RegistrationResult(int Created, IReadOnlyList<string> ChangedIds, int Unchanged)
{
    /// <summary>Registrations of subjects known before, changed or not: the API's "updated".</summary>
    public int Updated => ChangedIds.Count + Unchanged;
}
