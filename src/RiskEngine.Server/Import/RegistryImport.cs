using System.Threading.Channels;

namespace RiskEngine.Server.Import;

/// <summary>What an import was asked to do.</summary>
public sealed record ImportRequest(
    RegistryKind Kind, string InputPath, Uri ServerUrl, string ApiKey, bool Resume, int BatchSize, int RequestsInFlight, string Encoding, string ReportPath);

/// <summary>
/// Streams a registry file to a running server: one thread reads and checks rows into batches, a few requests are
/// kept in flight (the server writes a batch while the next is on the wire), and the answers are put back in file
/// order for the report and the checkpoint.
/// </summary>
public static class RegistryImport
{
    public static async Task<ImportTally> RunAsync(ImportRequest request, RegistryFile file, HttpClient client, Action<ImportTally> progress, CancellationToken cancellationToken)
    {
        var checkpointPath = ImportCheckpoint.PathFor(request.InputPath);
        var length = file.Length;
        var previous = request.Resume ? ImportCheckpoint.Read(checkpointPath) : null;
        if (previous is not null && previous.InputLength != length)
        {
            throw new ImportUsageException(
                $"{request.InputPath} is {length} bytes, not the {previous.InputLength} it was when the import began: it changed, so --resume cannot know where to go on; run without --resume to import it whole");
        }

        var start = previous ?? new ImportCheckpoint(length, 0, 0, 0, 0);
        using var report = new RejectionReport(request.ReportPath, append: previous is not null);
        var acknowledged = new AcknowledgedLines(report, checkpointPath, start, length, progress);
        var sender = new RegistrationSender(client, request.Kind);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var batches = Channel.CreateBounded<RegistryBatch>(new BoundedChannelOptions(request.RequestsInFlight * 2) { SingleWriter = true });

        var reading = Task.Factory.StartNew(() =>
        {
            try
            {
                file.ReadBatches(start.ThroughLine, request.BatchSize, batch =>
                {
                    // The reader outruns the server; it waits here rather than holding the whole file in memory. It runs on
                    // a thread of its own (LongRunning) because the CSV reader's rows cannot live across an await, so this
                    // wait holds no pool thread, no grain and no request.
                    while (!batches.Writer.TryWrite(batch))
                    {
                        batches.Writer.WaitToWriteAsync(stop.Token).AsTask().GetAwaiter().GetResult();
                    }
                }, stop.Token);
                batches.Writer.Complete();
            }
            catch (Exception error)
            {
                batches.Writer.Complete(error);
                throw;
            }
        }, stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        var sending = Enumerable.Range(0, request.RequestsInFlight).Select(async _ =>
        {
            try
            {
                await foreach (var batch in batches.Reader.ReadAllAsync(stop.Token))
                {
                    var answer = batch.ItemLines.Length == 0 ? null : await sender.SendAsync(batch.Body, stop.Token);
                    acknowledged.Complete(batch, answer);
                }
            }
            catch
            {
                await stop.CancelAsync();
                throw;
            }
        }).ToList();

        try
        {
            await Task.WhenAll([reading, .. sending]);
        }
        catch
        {
            // The first real failure says why; the others were only cancelled by it.
            var failures = new[] { reading }.Concat(sending).Where(t => t.IsFaulted).SelectMany(t => t.Exception!.InnerExceptions).ToList();
            var cause = failures.FirstOrDefault(e => e is ImportStoppedException or ImportUsageException)
                ?? failures.FirstOrDefault(e => e is not OperationCanceledException and not ChannelClosedException);
            if (cause is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(cause);
            }

            throw;
        }

        return acknowledged.Tally;
    }
}
