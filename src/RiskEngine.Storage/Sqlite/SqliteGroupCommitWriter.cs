using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace RiskEngine.Storage.Sqlite;

/// <summary>
/// Owns the single write connection of a SQLite file on a dedicated thread. SQLite calls block, so they
/// must never run on Orleans' or ASP.NET Core's threads at signal rate. Requests queue here; the thread
/// takes all that are waiting, runs them inside one transaction and commits once: many requests share one
/// fsync, and each is answered only after that commit. A group that fails is re-run a request at a time,
/// so one bad request fails alone.
/// </summary>
public sealed partial class SqliteGroupCommitWriter : IDisposable
{
    // Unbounded on purpose: a bounded one would block the adding thread (a thread-pool thread) when full. What queues here
    // is bounded upstream instead: ingest is admitted only while this queue and the dispatcher's backlog are under the
    // engine's capacity (see IngestAdmission), and the engine's own producers wait for that same room.
    private readonly BlockingCollection<WriteRequest> _queue = new(new ConcurrentQueue<WriteRequest>());
    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly Thread _thread;
    private readonly ILogger _logger;
    private readonly int _maxRowsPerCommit;
    private readonly StorageFaultEpisode _faults;

    // SQLite's primary result codes (sqlite3.h) for faults of the file rather than of the statement.
    private const int SqliteReadOnly = 8;
    private const int SqliteIoError = 10;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;
    private SqliteTransaction? _transaction;
    private long _queuedRows;
    private int _disposed;

    public SqliteGroupCommitWriter(string connectionString, int maxRowsPerCommit, ILogger logger)
    {
        _logger = logger;
        _faults = new StorageFaultEpisode("embedded database", logger);
        _maxRowsPerCommit = maxRowsPerCommit;
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        using (var pragma = _connection.CreateCommand())
        {
            // WAL lets readers run beside the writer; FULL makes every commit reach the disk before we answer. A 128 MB page
            // cache keeps the log's index pages (by source id, by subject) in memory: with the default 2 MB every insert
            // read index pages back through system calls, about 18 KB per signal at 200k subjects.
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-131072;";
            pragma.ExecuteNonQuery();
        }

        _thread = new Thread(Run) { IsBackground = true, Name = "sqlite-group-commit" };
        _thread.Start();
    }

    /// <summary>Commits observed so far; a group commit covers one or more requests.</summary>
    public long Commits { get; private set; }

    /// <summary>Rows of the requests waiting for the writer thread (not those of the group it is committing).</summary>
    public long QueuedRows => Interlocked.Read(ref _queuedRows);

    /// <summary>Runs <paramref name="work"/> on the writer thread inside a group transaction; completes after commit.</summary>
    public Task<T> RunAsync<T>(int rows, Func<WriterSession, T> work, CancellationToken cancellationToken = default) =>
        RunAsync(rows, work, afterCommit: null, cancellationToken);

    /// <summary>
    /// As <see cref="RunAsync{T}(int, Func{WriterSession, T}, CancellationToken)"/>, and calls <paramref name="afterCommit"/>
    /// on the writer thread right after the commit, in commit order, before the next group starts: what it observes
    /// is ordered exactly as the log is.
    /// </summary>
    public Task<T> RunAsync<T>(int rows, Func<WriterSession, T> work, Action<T>? afterCommit, CancellationToken cancellationToken = default)
    {
        var request = new WriteRequest<T>(Math.Max(1, rows), work, afterCommit, cancellationToken);

        // Counted before it is queued, so the writer never takes away rows that were not added yet.
        Interlocked.Add(ref _queuedRows, request.Rows);
        try
        {
            _queue.Add(request, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Interlocked.Add(ref _queuedRows, -request.Rows);
            throw;
        }
        catch (InvalidOperationException)
        {
            Interlocked.Add(ref _queuedRows, -request.Rows);
            throw new ObjectDisposedException(nameof(SqliteGroupCommitWriter), "The storage writer has stopped.");
        }

        return request.Task;
    }

    private void Run()
    {
        var group = new List<WriteRequest>();
        foreach (var first in _queue.GetConsumingEnumerable())
        {
            group.Clear();
            group.Add(first);
            var rows = first.Rows;
            while (rows < _maxRowsPerCommit && _queue.TryTake(out var next))
            {
                group.Add(next);
                rows += next.Rows;
            }

            Interlocked.Add(ref _queuedRows, -rows);
            CommitGroup(group);
        }
    }

    private void CommitGroup(List<WriteRequest> group)
    {
        var live = group.Where(r => !r.IsCancelled).ToList();
        if (live.Count == 0)
        {
            return;
        }

        // One transaction, one fsync for the whole group. A savepoint per request would isolate a bad request
        // but costs as much as the inserts themselves, so a failed group is instead re-run a request at a time.
        if (TryCommit(live, out var error))
        {
            _faults.Succeeded();
            Complete(live);
            return;
        }

        // A fault of the file (full disk, I/O error) fails every request alike: re-running them one by one would only
        // fail each again, so they are all refused at once, as "not now".
        if (AsStorageFault(error!) is { } fault)
        {
            _faults.Failed(fault);
            foreach (var request in live)
            {
                request.Reject(fault);
            }

            return;
        }

        if (live.Count == 1)
        {
            live[0].Reject(error!);
            return;
        }

        LogGroupSplit(_logger, error!, live.Count);
        foreach (var request in live)
        {
            if (TryCommit([request], out var requestError))
            {
                Complete([request]);
            }
            else
            {
                request.Reject(requestError!);
            }
        }
    }

    private bool TryCommit(IReadOnlyList<WriteRequest> requests, out Exception? error)
    {
        var session = new WriterSession(this);
        try
        {
            _transaction = _connection.BeginTransaction(deferred: false);
            foreach (var request in requests)
            {
                request.Execute(session);
            }

            _transaction.Commit();
            Commits++;
            error = null;
            return true;
        }
        catch (Exception failure) when (failure is SqliteException or ArgumentException or FormatException or InvalidOperationException)
        {
            TryRollback();
            error = failure;
            return false;
        }
        finally
        {
            _transaction?.Dispose();
            _transaction = null;
        }
    }

    /// <summary>The failure as a fault of the file rather than of the request, or null.</summary>
    private static StorageUnavailableException? AsStorageFault(Exception error) => error is SqliteException sqlite
        ? sqlite.SqliteErrorCode switch
        {
            SqliteFull => new StorageUnavailableException("the disk under the embedded database is full", error),
            SqliteIoError => new StorageUnavailableException("the embedded database's file cannot be written (I/O error)", error),
            SqliteCantOpen => new StorageUnavailableException("the embedded database's file cannot be opened", error),
            SqliteReadOnly => new StorageUnavailableException("the embedded database's file is read-only", error),
            _ => null,
        }
        : null;

    private void Complete(IReadOnlyList<WriteRequest> requests)
    {
        foreach (var request in requests)
        {
            try
            {
                request.Complete();
            }
            catch (Exception error)
            {
                // The data is committed; an observer's failure must not stop the writer.
                LogObserverFailed(_logger, error);
            }
        }
    }

    private void TryRollback()
    {
        try
        {
            _transaction?.Rollback();
        }
        catch (SqliteException)
        {
            // The transaction is already gone; the connection is usable again.
        }
        catch (InvalidOperationException)
        {
        }
    }

    private void Execute(string sql)
    {
        var command = Command(sql);
        command.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }

        command.Transaction = _transaction;
        return command;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _queue.CompleteAdding();
        if (Thread.CurrentThread != _thread)
        {
            _thread.Join();
        }

        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _connection.Dispose();
        _queue.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "An after-commit observer failed; the committed data is kept")]
    private static partial void LogObserverFailed(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A SQLite group of {Requests} requests failed; committing them one at a time so only the bad one fails")]
    private static partial void LogGroupSplit(ILogger logger, Exception error, int requests);

    /// <summary>What a request may do on the writer thread: prepared commands bound to the group transaction.</summary>
    public readonly struct WriterSession
    {
        private readonly SqliteGroupCommitWriter _writer;

        internal WriterSession(SqliteGroupCommitWriter writer) => _writer = writer;

        /// <summary>A command for <paramref name="sql"/>, prepared once per connection; parameters are cleared.</summary>
        public SqliteCommand Command(string sql)
        {
            var command = _writer.Command(sql);
            command.Parameters.Clear();
            return command;
        }
    }

    private abstract class WriteRequest
    {
        public abstract int Rows { get; }

        public abstract bool IsCancelled { get; }

        public abstract void Execute(WriterSession session);

        public abstract void Complete();

        public abstract void Reject(Exception error);
    }

    private sealed class WriteRequest<T>(int rows, Func<WriterSession, T> work, Action<T>? afterCommit, CancellationToken cancellationToken) : WriteRequest
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;
        private bool _failed;

        public Task<T> Task => _completion.Task;

        public override int Rows => rows;

        public override bool IsCancelled => cancellationToken.IsCancellationRequested && _completion.TrySetCanceled(cancellationToken);

        public override void Execute(WriterSession session) => _result = work(session);

        public override void Complete()
        {
            if (!_failed)
            {
                afterCommit?.Invoke(_result!);
                _completion.TrySetResult(_result!);
            }
        }

        public override void Reject(Exception error)
        {
            _failed = true;
            _completion.TrySetException(error);
        }
    }
}
