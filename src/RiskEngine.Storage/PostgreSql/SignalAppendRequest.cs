using RiskEngine.Domain;

namespace RiskEngine.Storage.PostgreSql;

/// <summary>One caller's batch waiting for the log writer, and the answer it will get.</summary>
internal sealed class SignalAppendRequest
{
    private readonly TaskCompletionSource<AppendResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationToken _cancellationToken;

    public SignalAppendRequest(IReadOnlyList<SignalToAppend> signals, DateTimeOffset ingestedAt, CancellationToken cancellationToken)
    {
        Signals = signals;
        IngestedAt = ingestedAt;
        _cancellationToken = cancellationToken;
        Outcomes = new LoggedSignal?[signals.Count];
        NextDue = new DateOnly?[signals.Count];
        for (var i = 0; i < signals.Count; i++)
        {
            // Parsed here, on the caller, so malformed facts fail this batch alone and never reach the writer.
            // Only a passed inspection sets the next date: a failed one never postpones it.
            if (signals[i].Kind == SignalKind.EquipmentInspection &&
                SignalFactsCodec.FromJson(signals[i].Kind, signals[i].Data) is EquipmentInspectionFacts { Failed: false, NextDue: { } nextDue })
            {
                NextDue[i] = nextDue;
            }
        }
    }

    public IReadOnlyList<SignalToAppend> Signals { get; }

    /// <summary>When the log accepted the batch, to the millisecond (the precision the log keeps).</summary>
    public DateTimeOffset IngestedAt { get; }

    /// <summary>The next inspection date a passed equipment inspection sets, by position; null for every other signal.</summary>
    public DateOnly?[] NextDue { get; }

    /// <summary>Filled by the writer: the logged signal for each new one, null for each duplicate.</summary>
    public LoggedSignal?[] Outcomes { get; }

    public Task<AppendResult> Task => _completion.Task;

    /// <summary>Drops the request if its caller gave up before the writer reached it.</summary>
    public bool TryCancel() => _cancellationToken.IsCancellationRequested && _completion.TrySetCanceled(_cancellationToken);

    public void Complete() => _completion.TrySetResult(new AppendResult(Outcomes.ToArray()));

    public void Reject(Exception error) => _completion.TrySetException(error);
}
