namespace RiskEngine.Storage.Snapshots;

/// <summary>
/// Which grain a snapshot belongs to, as Orleans' ADO.NET persistence identifies a string-keyed grain: the service, the
/// state name and the whole key (both numeric parts zero), so the rows are the ones the stock provider would read.
/// </summary>
public readonly record struct SnapshotKey(string ServiceId, string StateName, string GrainKey);
