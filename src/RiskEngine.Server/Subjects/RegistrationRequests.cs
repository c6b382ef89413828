namespace RiskEngine.Server.Subjects;

/// <summary>An entity to register or update.</summary>
/// <param name="Uscc">统一社会信用代码, 18 characters with a valid check character.</param>
/// <param name="Name">Registered name.</param>
/// <param name="District">GB/T 2260 district code; defaults to the one inside the USCC.</param>
/// <param name="Industry">Industry category code from seeds/industries.json.</param>
/// <param name="CreditClass">Credit risk class A-D (default B).</param>
public sealed record EntityRegistrationRequest(string Uscc, string? Name, string? District, string? Industry, string? CreditClass);

/// <summary>A special-equipment unit to register or update.</summary>
/// <param name="Code">设备代码; the class is read from its first digit.</param>
/// <param name="Name">Where it is or what it is called.</param>
/// <param name="Owner">USCC of the 使用单位 that operates it.</param>
/// <param name="District">GB/T 2260 district code; defaults to the owner's.</param>
/// <param name="NextInspectionDue">Next periodic inspection date (yyyy-MM-dd).</param>
/// <param name="LastMaintenanceAt">Latest maintenance, ISO 8601 with offset.</param>
public sealed record EquipmentRegistrationRequest(string Code, string? Name, string? Owner, string? District, DateOnly? NextInspectionDue, DateTimeOffset? LastMaintenanceAt);

/// <summary>The answer to a registration batch.</summary>
public sealed record RegistrationResponse(int Created, int Updated, IReadOnlyList<Signals.RejectedItem> Rejected);
