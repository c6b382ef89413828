namespace RiskEngine.Grains.Dispatch;

/// <summary>A server's dispatch progress in ingest time (see <see cref="SignalDispatcher.Progress"/>).</summary>
public readonly record struct AppliedProgress(DateTimeOffset AppliedThrough, bool Idle);
