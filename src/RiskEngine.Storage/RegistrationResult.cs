namespace RiskEngine.Storage;

/// <summary>
/// How many registrations of a batch created a subject and which ones updated a subject already known
/// (registered before, or first seen in a signal): those may have a live grain to tell.
/// </summary>
public sealed record RegistrationResult(int Created, IReadOnlyList<string> UpdatedIds)
{
    public int Updated => UpdatedIds.Count;
}
