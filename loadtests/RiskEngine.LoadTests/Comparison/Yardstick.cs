using System.Globalization;

namespace RiskEngine.LoadTests.Comparison;

/// <summary>
/// A yardstick: another design of the same job, kept outside the repository (<c>../shared/peers/NAME/run</c>) and run
/// as a child process in the same hour as the engine, so a ratio to it means something on a shared machine. Its code
/// is never copied here; only its output line is read.
/// </summary>
public sealed class Yardstick
{
    /// <summary>HTTP, JSON parsing, validation and a durable SQLite append, driven over loopback by Node: the engine's HTTP-and-log path, alone.</summary>
    public static readonly Yardstick IntakeOnly = new(
        "intake-only",
        "HTTP + JSON + validation + a durable SQLite append (WAL, synchronous=FULL, one writer), driven by Node over loopback",
        usesPostgres: false,
        seconds => [Text(seconds), "16", "500"]);

    /// <summary>The conventional PostgreSQL-only design: no HTTP, actors, push or event time.</summary>
    public static readonly Yardstick PgOnly = new(
        "pg-only",
        "the PostgreSQL-only design: each batch made durable and folded into per-subject rows in one transaction; no HTTP, actors, push or event time",
        usesPostgres: true,
        seconds => ["4", "1000", Text(seconds)]);

    private readonly Func<int, IReadOnlyList<string>> _arguments;

    private Yardstick(string name, string description, bool usesPostgres, Func<int, IReadOnlyList<string>> arguments)
    {
        Name = name;
        Description = description;
        UsesPostgres = usesPostgres;
        _arguments = arguments;
    }

    public static IReadOnlyList<Yardstick> All { get; } = [IntakeOnly, PgOnly];

    /// <summary>Its folder under the peers directory, and the name its output line starts with ("NAME peer: ...").</summary>
    public string Name { get; }

    public string Description { get; }

    /// <summary>Whether its CPU includes a PostgreSQL (metered apart, as "database").</summary>
    public bool UsesPostgres { get; }

    /// <summary>The arguments of its <c>run</c> script for a measurement of <paramref name="seconds"/>.</summary>
    public IReadOnlyList<string> Arguments(int seconds) => _arguments(seconds);

    private static string Text(int seconds) => seconds.ToString(CultureInfo.InvariantCulture);
}
