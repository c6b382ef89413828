namespace RiskEngine.Server.Import;

/// <summary>
/// Puts the answers of batches sent in parallel back in file order: a batch's refused lines go to the report and
/// the checkpoint moves past it only once every batch before it is done, so the checkpoint always names a line
/// through which nothing is missing, however the answers arrived.
/// </summary>
public sealed class AcknowledgedLines(RejectionReport report, string checkpointPath, ImportCheckpoint start, long fileBytes, Action<ImportTally> progress)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, (RegistryBatch Batch, RegistrationSender.Answer? Answer)> _early = [];
    private long _next;
    private ImportCheckpoint _checkpoint = start;
    private long _linesThisRun;
    private long _throughByte;

    public ImportTally Tally
    {
        get
        {
            lock (_gate)
            {
                return TallyNow();
            }
        }
    }

    /// <summary>Records a batch as done; <paramref name="answer"/> is null for a batch that had nothing to send.</summary>
    public void Complete(RegistryBatch batch, RegistrationSender.Answer? answer)
    {
        lock (_gate)
        {
            _early[batch.Sequence] = (batch, answer);
            var moved = false;
            while (_early.Remove(_next, out var done))
            {
                Apply(done.Batch, done.Answer);
                _next++;
                moved = true;
            }

            if (moved)
            {
                report.Flush();
                _checkpoint.Write(checkpointPath);
                progress(TallyNow());
            }
        }
    }

    private void Apply(RegistryBatch batch, RegistrationSender.Answer? answer)
    {
        var byServer = (answer?.Rejected ?? []).Select(r => r.Index >= 0 && r.Index < batch.ItemLines.Length
            ? new RejectedLine(batch.ItemLines[r.Index], batch.ItemIds[r.Index], r.Error)
            : throw new ImportStoppedException($"the server refused item {r.Index} of a batch of {batch.ItemLines.Length}"));
        var rejected = batch.RefusedLocally.Concat(byServer).OrderBy(r => r.Line).ToList();
        foreach (var line in rejected)
        {
            report.Add(line);
        }

        _checkpoint = _checkpoint with
        {
            ThroughLine = batch.ThroughLine,
            Created = _checkpoint.Created + (answer?.Created ?? 0),
            Updated = _checkpoint.Updated + (answer?.Updated ?? 0),
            Rejected = _checkpoint.Rejected + rejected.Count,
        };
        _linesThisRun += batch.ItemLines.Length + batch.RefusedLocally.Count;
        _throughByte = batch.ThroughByte;
    }

    private ImportTally TallyNow() =>
        new(_checkpoint.ThroughLine, _checkpoint.Created, _checkpoint.Updated, _checkpoint.Rejected, _throughByte, fileBytes, _linesThisRun);
}
