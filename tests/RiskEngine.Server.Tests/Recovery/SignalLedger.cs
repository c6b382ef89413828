using System.Text.Json.Nodes;

namespace RiskEngine.Server.Tests.Recovery;

/// <summary>
/// What the clients of a stream know: batches the server acknowledged (202, so durable by promise) and batches
/// whose request was under way when the server died (they may or may not have been committed).
/// </summary>
public sealed class SignalLedger
{
    private readonly Lock _lock = new();
    private readonly List<LedgerBatch> _acknowledged = [];
    private readonly List<LedgerBatch> _unsettled = [];
    private readonly List<string> _refusals = [];

    public IReadOnlyList<LedgerBatch> Acknowledged
    {
        get
        {
            lock (_lock)
            {
                return [.. _acknowledged];
            }
        }
    }

    /// <summary>Sent, but no answer came back before the server died.</summary>
    public IReadOnlyList<LedgerBatch> Unsettled
    {
        get
        {
            lock (_lock)
            {
                return [.. _unsettled];
            }
        }
    }

    /// <summary>Answers other than 202 while the server was up (there should be none).</summary>
    public IReadOnlyList<string> Refusals
    {
        get
        {
            lock (_lock)
            {
                return [.. _refusals];
            }
        }
    }

    public int AcknowledgedSignals => Acknowledged.Sum(b => b.Signals.Count);

    public int UnsettledSignals => Unsettled.Sum(b => b.Signals.Count);

    public int AcknowledgedFor(string subject) => Acknowledged.Where(b => b.Subject == subject).Sum(b => b.Signals.Count);

    public void Acknowledge(LedgerBatch batch)
    {
        lock (_lock)
        {
            _acknowledged.Add(batch);
        }
    }

    public void Unsettle(LedgerBatch batch)
    {
        lock (_lock)
        {
            _unsettled.Add(batch);
        }
    }

    public void Refuse(string why)
    {
        lock (_lock)
        {
            _refusals.Add(why);
        }
    }
}

/// <summary>One request's worth of signals, all about one subject.</summary>
public sealed record LedgerBatch(string Subject, IReadOnlyList<JsonObject> Signals);
