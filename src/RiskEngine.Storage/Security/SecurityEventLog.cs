using System.Data.Common;
using RiskEngine.Storage.Relational;

namespace RiskEngine.Storage.Security;

/// <summary>
/// The security audit table, append-only and hash-chained (<see cref="SecurityEventChain"/>). Appends are serialised so
/// that servers appending at once chain one after another: SQLite's immediate transaction takes the file's write lock
/// up front; on PostgreSQL a SHARE ROW EXCLUSIVE table lock (which conflicts with itself, not with readers) is taken
/// before the chain's head is read. Sequence numbers are gapless: each is the head's + 1.
/// </summary>
public sealed class SecurityEventLog(RelationalDatabase database, TimeProvider clock)
{
    private const string Columns = "seq, at, kind, actor, subject, address, detail, previous_hash, hash";

    /// <summary>Appends <paramref name="events"/> in order, in one transaction of their own.</summary>
    public Task AppendAsync(IReadOnlyList<SecurityEvent> events, CancellationToken cancellationToken = default) =>
        database.RunInTransactionAsync(async (connection, transaction, ct) =>
        {
            await AppendAsync(connection, transaction, events, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>Appends within a caller's transaction, so a change and its audit commit together.</summary>
    internal async Task AppendAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<SecurityEvent> events, CancellationToken cancellationToken)
    {
        if (database.IsPostgreSql)
        {
            await using var lockTable = connection.Command("LOCK TABLE security_event IN SHARE ROW EXCLUSIVE MODE", transaction);
            await lockTable.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        long seq = 0;
        var previous = SecurityEventChain.Genesis;
        await using (var head = connection.Command("SELECT seq, hash FROM security_event ORDER BY seq DESC LIMIT 1", transaction))
        await using (var reader = await head.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                (seq, previous) = (reader.Int64(0), reader.GetString(1));
            }
        }

        var at = DateTimeOffset.FromUnixTimeMilliseconds(clock.GetUtcNow().ToUnixTimeMilliseconds());
        foreach (var e in events)
        {
            seq++;
            var hash = SecurityEventChain.Hash(previous, seq, at, e.Kind, e.Actor, e.Subject, e.Address, e.Detail);
            await using var insert = connection.Command(
                $"INSERT INTO security_event ({Columns}) VALUES (@seq, @at, @kind, @actor, @subject, @address, @detail, @previous, @hash)", transaction)
                .With("@seq", seq).With("@at", at.ToUnixTimeMilliseconds()).With("@kind", e.Kind).With("@actor", e.Actor)
                .With("@subject", e.Subject).With("@address", e.Address).With("@detail", e.Detail).With("@previous", previous).With("@hash", hash);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            previous = hash;
        }
    }

    /// <summary>Newest first: up to <paramref name="limit"/> events before <paramref name="beforeSeq"/> (all when null), of one kind when given.</summary>
    public Task<IReadOnlyList<StoredSecurityEvent>> ReadAsync(long? beforeSeq, int limit, string? kind, CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<StoredSecurityEvent>>(async (connection, ct) =>
        {
            var ofKind = kind is null ? "" : " AND kind = @kind";
            await using var command = connection.Command(
                $"SELECT {Columns} FROM security_event WHERE seq < @before{ofKind} ORDER BY seq DESC LIMIT @limit")
                .With("@before", beforeSeq ?? long.MaxValue).With("@limit", limit);
            if (kind is not null)
            {
                command.With("@kind", kind);
            }

            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var events = new List<StoredSecurityEvent>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                events.Add(Read(reader));
            }

            return events;
        }, cancellationToken);

    /// <summary>
    /// Walks the chain from its start, or from the last re-anchor (which vouches for nothing before it), and returns
    /// the first place where it does not hold; null when it is whole.
    /// </summary>
    public Task<ChainBreak?> VerifyAsync(CancellationToken cancellationToken = default) =>
        database.RunAsync(async (connection, ct) =>
        {
            long anchor;
            await using (var findAnchor = connection.Command("SELECT coalesce(max(seq), 0) FROM security_event WHERE kind = @kind")
                .With("@kind", SecurityEventKinds.ChainReanchored))
            {
                anchor = Convert.ToInt64(await findAnchor.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
            }

            await using var command = connection.Command($"SELECT {Columns} FROM security_event WHERE seq >= @anchor ORDER BY seq").With("@anchor", anchor);
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            StoredSecurityEvent? before = null;
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                var row = Read(reader);
                if (Check(before, row) is { } reason)
                {
                    return new ChainBreak(row.Seq, reason);
                }

                before = row;
            }

            return (ChainBreak?)null;
        }, cancellationToken);

    private static string? Check(StoredSecurityEvent? before, StoredSecurityEvent row)
    {
        if (before is null)
        {
            // The first row checked: the very first of the table starts from the genesis hash; a re-anchor from anything.
            if (row.Kind != SecurityEventKinds.ChainReanchored && (row.Seq != 1 || row.PreviousHash != SecurityEventChain.Genesis))
            {
                return "the chain does not start at event 1 from the genesis hash (rows were removed)";
            }
        }
        else if (row.Seq != before.Seq + 1)
        {
            return $"events {before.Seq + 1} to {row.Seq - 1} are missing";
        }
        else if (row.PreviousHash != before.Hash)
        {
            return "its previous hash is not the hash of the event before it";
        }

        return row.HashMatches ? null : "its content does not match its hash (it was changed)";
    }

    private static StoredSecurityEvent Read(DbDataReader reader) => new(
        reader.Int64(0),
        reader.Time(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.NullableString(4),
        reader.NullableString(5),
        reader.NullableString(6),
        reader.GetString(7),
        reader.GetString(8));
}
