using System.Data;
using System.Data.Common;
using Npgsql;

namespace RiskEngine.Storage.Tests.PostgreSql;

/// <summary>One parameter as Orleans' ADO.NET providers bind it: the bare name, the value or DBNull, an explicit DbType.</summary>
public sealed record OrleansParameter(string Name, object? Value, DbType Type)
{
    public static OrleansParameter Text(string name, string? value) => new(name, value, DbType.String);

    /// <summary>Addresses and grain ids: the providers mark them AnsiString.</summary>
    public static OrleansParameter Ansi(string name, string value) => new(name, value, DbType.AnsiString);

    public static OrleansParameter Int(string name, int? value) => new(name, value, DbType.Int32);

    public static OrleansParameter Long(string name, long value) => new(name, value, DbType.Int64);

    public static OrleansParameter Binary(string name, byte[] value) => new(name, value, DbType.Binary);

    /// <summary>UTC times: the providers bind DateTime as DbType.DateTime, which Npgsql sends as timestamptz.</summary>
    public static OrleansParameter Time(string name, DateTime value) => new(name, value, DbType.DateTime);
}

/// <summary>
/// Runs the stored Orleans queries the way the providers do: the texts read with the providers' own unquoted
/// SELECT, each call on a fresh pooled connection with no transaction, rows of all result sets collected,
/// columns looked up by name.
/// </summary>
public sealed class OrleansQueryRunner
{
    private readonly NpgsqlDataSource _dataSource;

    private OrleansQueryRunner(NpgsqlDataSource dataSource, IReadOnlyDictionary<string, string> texts)
    {
        _dataSource = dataSource;
        Texts = texts;
    }

    public IReadOnlyDictionary<string, string> Texts { get; }

    public static async Task<OrleansQueryRunner> LoadAsync(NpgsqlDataSource dataSource)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var command = dataSource.CreateCommand("SELECT QueryKey, QueryText FROM OrleansQuery");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            texts[reader.GetString(reader.GetOrdinal("QueryKey"))] = reader.GetString(reader.GetOrdinal("QueryText"));
        }

        return new OrleansQueryRunner(dataSource, texts);
    }

    public async Task<List<OrleansRow>> ReadAsync(string key, params OrleansParameter[] parameters)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var command = Command(connection, key, parameters);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<OrleansRow>();
        do
        {
            while (await reader.ReadAsync())
            {
                var values = new object?[reader.FieldCount];
                reader.GetValues(values!);
                rows.Add(new OrleansRow(reader, values));
            }
        }
        while (await reader.NextResultAsync());

        return rows;
    }

    public async Task ExecuteAsync(string key, params OrleansParameter[] parameters)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var command = Command(connection, key, parameters);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The single boolean the membership and reminder writes answer with, read as the providers do.</summary>
    public async Task<bool> ReadBooleanAsync(string key, params OrleansParameter[] parameters)
    {
        var row = Assert.Single(await ReadAsync(key, parameters));
        Assert.Equal(1, row.FieldCount);
        return Convert.ToBoolean(row[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    private DbCommand Command(NpgsqlConnection connection, string key, OrleansParameter[] parameters)
    {
        DbCommand command = connection.CreateCommand();
        command.CommandText = Texts[key];
        foreach (var parameter in parameters)
        {
            var bound = command.CreateParameter();
            bound.ParameterName = parameter.Name;
            bound.Value = parameter.Value ?? DBNull.Value;
            bound.DbType = parameter.Type;
            command.Parameters.Add(bound);
        }

        return command;
    }
}

/// <summary>A result row whose columns are found by name the way the providers find them (GetOrdinal, any case).</summary>
public sealed class OrleansRow
{
    private readonly Dictionary<string, int> _ordinals;
    private readonly object?[] _values;

    public OrleansRow(DbDataReader reader, object?[] values)
    {
        _values = values;
        _ordinals = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < reader.FieldCount; i++)
        {
            _ordinals.TryAdd(reader.GetName(i), i);
        }
    }

    public int FieldCount => _values.Length;

    public object? this[int ordinal] => _values[ordinal] is DBNull ? null : _values[ordinal];

    public object? this[string name] => _ordinals.TryGetValue(name, out var ordinal)
        ? this[ordinal]
        : throw new InvalidOperationException($"The row has no column '{name}' (it has {string.Join(", ", _ordinals.Keys)}).");

    public bool Has(string name) => _ordinals.ContainsKey(name);
}
