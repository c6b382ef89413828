using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;
using RiskEngine.Domain;
using RiskEngine.Storage.Batching;

namespace RiskEngine.Storage.PostgreSql;

/// <summary>
/// The signal log on PostgreSQL (cluster mode), appended by group commit. Callers' batches queue on a channel; one
/// writer loop takes everything waiting (up to a row limit) and commits it in one transaction through
/// <see cref="PostgreSqlSignalWriter"/>: one round of COPY and one batch of statements for many requests, which is what
/// makes per-signal durability cheap. After the commit the listener hears the group's new signals in sequence order,
/// and only then are the requests answered, so a signal is never acknowledged before it is durable and dispatched.
/// <para>
/// Several servers share the log and append at once, with nothing ordering one server's commits against another's (a
/// lock that did cost every group a wait on every other server's commit, and let one stalled server stop every append).
/// Numbers are unique and each server's own commits are in order, but a number may commit below one already visible.
/// Every reader takes that: a subject applies each position once in any order (its recent positions are kept), and
/// <see cref="ReadAfterAsync"/> serves recovery, which replays past a gone run's checkpoint, a checkpoint that never
/// passes what that run itself committed and dispatched; a position still uncommitted when the replay passes it
/// belongs to a live server, whose own dispatch delivers it.
/// </para>
/// </summary>
public sealed partial class PostgreSqlSignalLog : ISignalLog, IAsyncDisposable, IDisposable
{
    /// <summary>Raised by dispatch_checkpoint_hold (migration 007) for a run the cluster fenced off.</summary>
    private const string FencedOffState = "RE001";

    private const string Columns = "seq, source, source_id, subject_kind, subject_id, kind, occurred_at, ingested_at, data";

    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _clock;
    private readonly ISignalCommitListener _listener;
    private readonly ILogger _logger;
    private readonly int _maxRowsPerCommit;

    // Unbounded on purpose: a bounded one would make an append wait or fail while it is full. What queues here is
    // bounded upstream instead: ingest is admitted only while this queue and the dispatcher's backlog are under the
    // engine's capacity (see IngestAdmission), and the engine's own producers wait for that same room.
    private readonly Channel<SignalAppendRequest> _requests =
        Channel.CreateUnbounded<SignalAppendRequest>(new UnboundedChannelOptions { SingleReader = true });
    private readonly PostgreSqlSignalWriter _writer;
    private readonly Task _writerLoop;
    private readonly BatchQueue<TailRequest, IReadOnlyList<LoggedSignal>> _tails;
    private readonly StorageFaultEpisode _faults;
    private long _commits;
    private long _queuedRows;

    public PostgreSqlSignalLog(NpgsqlDataSource dataSource, TimeProvider clock, ISignalCommitListener listener, int maxRowsPerCommit, LogRun run, ILogger<PostgreSqlSignalLog> logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRowsPerCommit, 1);
        _dataSource = dataSource;
        _clock = clock;
        _listener = listener;
        _logger = logger;
        _maxRowsPerCommit = maxRowsPerCommit;
        _faults = new StorageFaultEpisode("PostgreSQL signal log", logger);
        _writer = new PostgreSqlSignalWriter(dataSource, run);
        _writerLoop = Task.Run(RunWriterAsync);
        _tails = BatchQueue<TailRequest, IReadOnlyList<LoggedSignal>>.Asynchronous(ReadTailsAsync, maxBatch: 1000, concurrency: 4);
    }

    /// <summary>Transactions committed so far; one commit answers one or more requests.</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <inheritdoc />
    public long QueuedRows => Interlocked.Read(ref _queuedRows);

    public Task<AppendResult> AppendAsync(IReadOnlyList<SignalToAppend> signals, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<AppendResult>(cancellationToken);
        }

        if (signals.Count == 0)
        {
            return Task.FromResult(new AppendResult([]));
        }

        SignalAppendRequest request;
        try
        {
            request = new SignalAppendRequest(signals, PostgreSqlTime.ToStored(_clock.GetUtcNow()), cancellationToken);
        }
        catch (Exception error) when (error is FormatException or ArgumentException or InvalidOperationException)
        {
            return Task.FromException<AppendResult>(error);
        }

        // Counted before it is queued, so the writer loop never takes away rows that were not added yet.
        Interlocked.Add(ref _queuedRows, signals.Count);
        if (_requests.Writer.TryWrite(request))
        {
            return request.Task;
        }

        Interlocked.Add(ref _queuedRows, -signals.Count);
        return Task.FromException<AppendResult>(new ObjectDisposedException(nameof(PostgreSqlSignalLog), "The signal log has stopped."));
    }

    private async Task RunWriterAsync()
    {
        var group = new List<SignalAppendRequest>();
        while (await _requests.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            group.Clear();
            var rows = 0;
            while (rows < _maxRowsPerCommit && _requests.Reader.TryRead(out var request))
            {
                Interlocked.Add(ref _queuedRows, -request.Signals.Count);
                if (!request.TryCancel())
                {
                    group.Add(request);
                    rows += request.Signals.Count;
                }
            }

            if (group.Count > 0)
            {
                await CommitAsync(group).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Commits a group, answering every request in it. When the server rejects the group's data (say one request
    /// carries text PostgreSQL cannot store), the requests are committed one by one, so only the offending one fails.
    /// A server that is unreachable or restarting fails the whole group at once instead: splitting would only wait longer.
    /// </summary>
    private async Task CommitAsync(IReadOnlyList<SignalAppendRequest> group)
    {
        List<LoggedSignal> appended;
        try
        {
            appended = await _writer.CommitAsync(group).ConfigureAwait(false);
            _faults.Succeeded();
        }
        catch (Exception error) when (AsStorageFault(error) is { } fault)
        {
            // Unreachable or out of resources: every request would fail alike, so none is retried alone.
            _faults.Failed(fault);
            foreach (var request in group)
            {
                request.Reject(fault);
            }

            return;
        }
        catch (PostgresException error) when (group.Count > 1 && !error.IsTransient)
        {
            LogGroupSplit(_logger, error, group.Count);
            foreach (var request in group)
            {
                await CommitAsync([request]).ConfigureAwait(false);
            }

            return;
        }
        catch (Exception error)
        {
            LogCommitFailed(_logger, error, group.Count);
            foreach (var request in group)
            {
                request.Reject(error);
            }

            return;
        }

        Interlocked.Increment(ref _commits);
        if (appended.Count > 0)
        {
            try
            {
                _listener.OnCommitted(appended);
            }
            catch (Exception error)
            {
                // The signals are durable; replay from the log delivers what the listener missed.
                LogListenerFailed(_logger, error, appended.Count);
            }
        }

        foreach (var request in group)
        {
            request.Complete();
        }
    }

    /// <summary>The failure as a fault of the database rather than of the group's data, or null.</summary>
    private static StorageUnavailableException? AsStorageFault(Exception error) => error switch
    {
        PostgresException { SqlState: FencedOffState } =>
            new StorageUnavailableException("this server was declared gone by the cluster, which took over its subjects; it takes no more signals (send them to another server)", error),
        PostgresException { SqlState: PostgresErrorCodes.DiskFull } =>
            new StorageUnavailableException("the database server is out of disk space", error),
        PostgresException postgres when postgres.SqlState.StartsWith("53", StringComparison.Ordinal) || postgres.SqlState.StartsWith("58", StringComparison.Ordinal) =>
            new StorageUnavailableException($"the database server cannot take writes ({postgres.SqlState}: {postgres.MessageText})", error),
        NpgsqlException { IsTransient: true } =>
            new StorageUnavailableException("the database cannot be reached", error),
        SignalCommitUncertainException =>
            new StorageUnavailableException("the connection to the database was lost while committing: the signals may or may not be kept, and sending them again is safe (a repeat counts once)", error),
        _ => null,
    };

    /// <summary>
    /// Batched: every activating subject reads its log tail, nearly always empty or a few rows, so one statement with a
    /// lateral index scan per subject answers all the tails asked for at once.
    /// </summary>
    public Task<IReadOnlyList<LoggedSignal>> ReadSubjectAsync(string subjectId, long afterSeq, int limit, CancellationToken cancellationToken = default) =>
        _tails.EnqueueAsync(new TailRequest(subjectId, afterSeq, limit), cancellationToken);

    private async Task<IReadOnlyList<IReadOnlyList<LoggedSignal>>> ReadTailsAsync(IReadOnlyList<TailRequest> requests, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            $"SELECT t.ord, {string.Join(", ", Columns.Split(", ").Select(c => "l." + c))} " +
            "  FROM unnest($1::text[], $2::bigint[], $3::integer[]) WITH ORDINALITY AS t(subject_id, after_seq, max_rows, ord) " +
            "  CROSS JOIN LATERAL (SELECT * FROM signal_log l WHERE l.subject_id = t.subject_id AND l.seq > t.after_seq " +
            "                       ORDER BY l.seq LIMIT t.max_rows) l " +
            " ORDER BY t.ord, l.seq");
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = requests.Select(r => r.SubjectId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = requests.Select(r => r.AfterSeq).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = requests.Select(r => r.Limit).ToArray() });
        var tails = new List<LoggedSignal>[requests.Count];
        for (var i = 0; i < tails.Length; i++)
        {
            tails[i] = [];
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            tails[(int)reader.GetInt64(0) - 1].Add(ReadSignal(reader, offset: 1));
        }

        return tails;
    }

    public async Task<IReadOnlyList<LoggedSignal>> ReadAfterAsync(long afterSeq, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand($"SELECT {Columns} FROM signal_log WHERE seq > $1 ORDER BY seq LIMIT $2");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = afterSeq });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        return await ReadSignalsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<long> ReadHeadAsync(CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("SELECT coalesce(max(seq), 0) FROM signal_log");
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private static async Task<IReadOnlyList<LoggedSignal>> ReadSignalsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var signals = new List<LoggedSignal>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            signals.Add(ReadSignal(reader, offset: 0));
        }

        return signals;
    }

    private static LoggedSignal ReadSignal(NpgsqlDataReader reader, int offset)
    {
        var wire = reader.GetString(offset + 5);
        if (!SignalKinds.TryParseAnyWire(wire, out var kind))
        {
            throw new FormatException($"Logged signal {reader.GetInt64(offset)} has unknown kind '{wire}'.");
        }

        return new LoggedSignal(
            reader.GetInt64(offset),
            reader.GetString(offset + 1),
            reader.GetString(offset + 2),
            (SubjectKind)reader.GetInt16(offset + 3),
            reader.GetString(offset + 4),
            kind,
            reader.GetFieldValue<DateTimeOffset>(offset + 6),
            reader.GetFieldValue<DateTimeOffset>(offset + 7),
            reader.GetString(offset + 8));
    }

    private readonly record struct TailRequest(string SubjectId, long AfterSeq, int Limit);

    /// <summary>Stops taking requests, commits those already queued, and closes the writer's connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_requests.Writer.TryComplete())
        {
            await _tails.DisposeAsync().ConfigureAwait(false);
            await _writerLoop.ConfigureAwait(false);
            await _writer.DisposeAsync().ConfigureAwait(false);
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL rejected a group of {Requests} append requests; committing them one by one")]
    private static partial void LogGroupSplit(ILogger logger, Exception error, int requests);

    [LoggerMessage(Level = LogLevel.Error, Message = "Appending {Requests} requests to the PostgreSQL signal log failed; they were rejected")]
    private static partial void LogCommitFailed(ILogger logger, Exception error, int requests);

    [LoggerMessage(Level = LogLevel.Error, Message = "The commit listener failed on {Signals} committed signals; they stay in the log for replay")]
    private static partial void LogListenerFailed(ILogger logger, Exception error, int signals);
}
