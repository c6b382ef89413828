using RiskEngine.Domain;

namespace RiskEngine.Storage;

/// <summary>
/// Registered subjects: names, districts, owners and the due dates the sweep watches.
/// Subjects first seen in a signal are added by the log itself, with the district the signal implies.
/// </summary>
public interface ISubjectDirectory
{
    Task<RegistrationResult> UpsertEntitiesAsync(IReadOnlyList<EntityRegistration> entities, CancellationToken cancellationToken = default);

    Task<RegistrationResult> UpsertEquipmentAsync(IReadOnlyList<EquipmentRegistration> equipment, CancellationToken cancellationToken = default);

    /// <summary>Whether the subject is registered or has been named by a signal.</summary>
    Task<bool> ExistsAsync(string subjectId, CancellationToken cancellationToken = default);

    /// <summary>The entity's registration; null when it was never registered (even if signals named it).</summary>
    Task<EntityRegistration?> FindEntityAsync(string uscc, CancellationToken cancellationToken = default);

    Task<EquipmentRegistration?> FindEquipmentAsync(string code, CancellationToken cancellationToken = default);

    /// <summary>Subjects known per district, entities and equipment together.</summary>
    Task<IReadOnlyDictionary<string, long>> CountByDistrictAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Units of a district that have crossed "inspection due within <paramref name="dueSoonDays"/>",
    /// "inspection overdue" or "maintenance older than <paramref name="maintenanceDays"/>" at <paramref name="now"/>
    /// and have not been noticed for that date yet.
    /// </summary>
    Task<IReadOnlyList<DueNotice>> FindDueNoticesAsync(string district, DateTimeOffset now, int dueSoonDays, int maintenanceDays, int limit, CancellationToken cancellationToken = default);

    /// <summary>Marks notices as raised so the next sweep does not raise them again.</summary>
    Task MarkNoticesRaisedAsync(IReadOnlyList<DueNotice> notices, CancellationToken cancellationToken = default);
}
