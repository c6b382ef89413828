using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using nietras.SeparatedValues;
using RiskEngine.Domain;
using RiskEngine.Domain.Learning;
using RiskEngine.Server.Signals;

namespace RiskEngine.Server.Backtest;

/// <summary>
/// A backtest's files: v1 signals as JSON lines (each checked by the ingest API's own validator, so what a backtest
/// replays is what the engine would have taken) and outcomes as CSV with the columns subject, date, label.
/// </summary>
public sealed class BacktestInputs
{
    private BacktestInputs(IReadOnlyList<(string SubjectId, RiskEvent Event)> signals, IReadOnlyList<string> lines, IReadOnlyList<LabelledDate> outcomes, int rejected, int duplicates)
    {
        Duplicates = duplicates;
        Signals = signals;
        Lines = lines;
        Outcomes = outcomes;
        Rejected = rejected;
    }

    public IReadOnlyList<(string SubjectId, RiskEvent Event)> Signals { get; }

    /// <summary>The valid signals' lines as given, in the order of <see cref="Signals"/>: what the engine replay posts.</summary>
    public IReadOnlyList<string> Lines { get; }

    public IReadOnlyList<LabelledDate> Outcomes { get; }

    /// <summary>Signal lines the ingest validator refused (reported, not replayed).</summary>
    public int Rejected { get; }

    /// <summary>Lines repeating an earlier line's (source, sourceId): counted once, as the engine counts them.</summary>
    public int Duplicates { get; }

    /// <exception cref="BacktestUsageException">A file is missing or an outcome line cannot be read.</exception>
    public static BacktestInputs Read(string signalsPath, string outcomesPath, TimeSpan dateOffset, TextWriter error)
    {
        var validator = new SignalValidator(Options.Create(new IngestOptions()), TimeProvider.System);
        var signals = new List<(string, RiskEvent)>();
        var lines = new List<string>();
        var identities = new HashSet<(string, string)>();
        var rejected = 0;
        var duplicates = 0;
        var line = 0;
        foreach (var text in ReadLines(signalsPath))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            SignalToAppendOrError(text, out var subjectId, out var riskEvent, out var identity, out var problem);
            if (riskEvent is null)
            {
                if (++rejected <= 10)
                {
                    error.WriteLine($"  {signalsPath}:{line}: {problem}");
                }

                continue;
            }

            if (!identities.Add(identity))
            {
                duplicates++;
                continue;
            }

            signals.Add((subjectId!, riskEvent with { Seq = line }));
            lines.Add(text);
        }

        return new BacktestInputs(signals, lines, ReadOutcomes(outcomesPath, dateOffset), rejected, duplicates);

        void SignalToAppendOrError(string text, out string? subjectId, out RiskEvent? riskEvent, out (string, string) identity, out string problem)
        {
            subjectId = null;
            riskEvent = null;
            identity = default;
            try
            {
                using var document = JsonDocument.Parse(text);
                if (!validator.TryValidate(document.RootElement, out var signal, out problem))
                {
                    return;
                }

                subjectId = signal!.SubjectId;
                identity = (signal.Source, signal.SourceId);
                riskEvent = new RiskEvent(1, signal.Kind, signal.OccurredAt, SignalFactsCodec.FromJson(signal.Kind, signal.Data));
            }
            catch (JsonException malformed)
            {
                problem = $"not JSON: {malformed.Message}";
            }
        }
    }

    private static IEnumerable<string> ReadLines(string path) =>
        File.Exists(path) ? File.ReadLines(path) : throw new BacktestUsageException($"no file {path}");

    private static LabelledDate[] ReadOutcomes(string path, TimeSpan dateOffset)
    {
        if (!File.Exists(path))
        {
            throw new BacktestUsageException($"no file {path}");
        }

        using var reader = Sep.New(',').Reader(o => o with { HasHeader = true, Unescape = true }).FromFile(path);
        foreach (var column in new[] { "subject", "date", "label" })
        {
            if (!reader.Header.ColNames.Contains(column))
            {
                throw new BacktestUsageException($"{path}: the header must name the columns subject, date and label (missing '{column}')");
            }
        }

        var outcomes = new List<LabelledDate>();
        foreach (var row in reader)
        {
            var subject = row["subject"].ToString().Trim();
            var dateText = row["date"].ToString().Trim();
            var labelText = row["label"].ToString().Trim();
            var at = DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), dateOffset)
                : DateTimeOffset.TryParse(dateText, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var timestamp)
                    ? timestamp
                    : throw new BacktestUsageException($"{path}:{row.RowIndex + 1}: date '{dateText}' is neither yyyy-MM-dd nor an ISO 8601 timestamp");
            var positive = labelText switch
            {
                "1" or "true" or "True" => true,
                "0" or "false" or "False" => false,
                _ => throw new BacktestUsageException($"{path}:{row.RowIndex + 1}: label '{labelText}' must be 1 or 0"),
            };
            if (subject.Length == 0)
            {
                throw new BacktestUsageException($"{path}:{row.RowIndex + 1}: subject is empty");
            }

            outcomes.Add(new LabelledDate(subject, at, positive));
        }

        return [.. outcomes];
    }
}

/// <summary>A backtest that cannot start: the message says why (exit 2).</summary>
public sealed class BacktestUsageException(string message) : Exception(message);
