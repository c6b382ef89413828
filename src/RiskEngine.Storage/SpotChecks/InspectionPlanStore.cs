using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using RiskEngine.Domain;
using RiskEngine.Domain.SpotChecks;
using RiskEngine.Storage.Relational;

namespace RiskEngine.Storage.SpotChecks;

/// <summary>
/// 双随机 plans and their tasks. A plan and its tasks commit together; one plan per district and month (a unique key),
/// so two supervisors posting at once store one plan and both read it back.
/// </summary>
public sealed class InspectionPlanStore(RelationalDatabase database)
{
    private const string PlanColumns = "id, district, month, seed, algorithm, ratios, counts, created_by, created_at";

    private const string TaskColumns = "plan_id, subject_id, subject_name, credit_class, level, score, sample_key, inspectors, result, findings, done_at";

    /// <summary>Stores the plan and its tasks; false (and nothing stored) when the district already has a plan that month.</summary>
    public Task<bool> CreateAsync(InspectionPlanRecord plan, IReadOnlyList<InspectionTaskRecord> tasks, CancellationToken cancellationToken = default) =>
        database.RunInTransactionAsync(async (connection, transaction, ct) =>
        {
            await using (var insert = connection.Command(
                $"INSERT INTO inspection_plan ({PlanColumns}) VALUES (@id, @district, @month, @seed, @algorithm, @ratios, @counts, @created_by, @created_at) " +
                "ON CONFLICT DO NOTHING", transaction))
            {
                insert.With("@id", plan.Id).With("@district", plan.District).With("@month", plan.Month).With("@seed", plan.Seed)
                    .With("@algorithm", plan.Algorithm).With("@ratios", RatiosJson(plan.Ratios)).With("@counts", CountsJson(plan.Counts))
                    .With("@created_by", plan.CreatedBy).With("@created_at", plan.CreatedAt.ToUnixTimeMilliseconds());
                if (await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false) != 1)
                {
                    return false;
                }
            }

            foreach (var task in tasks)
            {
                await using var insertTask = connection.Command(
                    $"INSERT INTO inspection_task ({TaskColumns}) VALUES (@plan_id, @subject_id, @subject_name, @credit_class, @level, @score, " +
                    "@sample_key, @inspectors, NULL, 0, NULL)", transaction)
                    .With("@plan_id", task.PlanId).With("@subject_id", task.SubjectId).With("@subject_name", task.SubjectName)
                    .With("@credit_class", task.CreditClass.ToString()).With("@level", task.Level.ToWire()).With("@score", task.Score)
                    .With("@sample_key", task.SampleKey).With("@inspectors", string.Join(',', task.Inspectors));
                await insertTask.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            return true;
        }, cancellationToken);

    public Task<InspectionPlanRecord?> FindAsync(string id, CancellationToken cancellationToken = default) =>
        FindOneAsync("id = @id", command => command.With("@id", id), cancellationToken);

    public Task<InspectionPlanRecord?> FindAsync(string district, string month, CancellationToken cancellationToken = default) =>
        FindOneAsync("district = @district AND month = @month", command => command.With("@district", district).With("@month", month), cancellationToken);

    /// <summary>Plans of the given districts (null: all), optionally of one month, newest month first.</summary>
    public Task<IReadOnlyList<InspectionPlanRecord>> ListAsync(IReadOnlyCollection<string>? districts, string? month, CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<InspectionPlanRecord>>(async (connection, ct) =>
        {
            if (districts is { Count: 0 })
            {
                return [];
            }

            await using var command = connection.Command("");
            var where = new List<string>();
            if (districts is not null)
            {
                where.Add("district IN (" + string.Join(", ", districts.Select((d, i) => Named(command, "@d" + i, d))) + ")");
            }

            if (month is not null)
            {
                where.Add("month = " + Named(command, "@month", month));
            }

            command.CommandText = $"SELECT {PlanColumns} FROM inspection_plan" + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "") +
                " ORDER BY month DESC, district LIMIT 500";
            return await ReadPlansAsync(command, ct).ConfigureAwait(false);
        }, cancellationToken);

    public Task<IReadOnlyList<InspectionTaskRecord>> TasksAsync(string planId, CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<InspectionTaskRecord>>(async (connection, ct) =>
        {
            await using var command = connection.Command($"SELECT {TaskColumns} FROM inspection_task WHERE plan_id = @plan_id ORDER BY subject_id")
                .With("@plan_id", planId);
            return await ReadTasksAsync(command, ct).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Tasks not done yet of the given districts' plans (null: all), for the officers' console.</summary>
    public Task<IReadOnlyList<InspectionTaskRecord>> OpenTasksAsync(IReadOnlyCollection<string>? districts, int limit, CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<InspectionTaskRecord>>(async (connection, ct) =>
        {
            if (districts is { Count: 0 })
            {
                return [];
            }

            await using var command = connection.Command("");
            var inDistricts = districts is null ? "" :
                " AND p.district IN (" + string.Join(", ", districts.Select((d, i) => Named(command, "@d" + i, d))) + ")";
            command.CommandText =
                $"SELECT {string.Join(", ", TaskColumns.Split(", ").Select(c => "t." + c))} FROM inspection_task t JOIN inspection_plan p ON p.id = t.plan_id " +
                $"WHERE t.done_at IS NULL{inDistricts} ORDER BY p.month DESC, t.score DESC, t.subject_id LIMIT @limit";
            command.With("@limit", Math.Clamp(limit, 1, 1000));
            return await ReadTasksAsync(command, ct).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Per plan: tasks done of all and findings so far.</summary>
    public Task<IReadOnlyDictionary<string, PlanProgress>> ProgressAsync(IReadOnlyCollection<string> planIds, CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyDictionary<string, PlanProgress>>(async (connection, ct) =>
        {
            var progress = new Dictionary<string, PlanProgress>(StringComparer.Ordinal);
            if (planIds.Count == 0)
            {
                return progress;
            }

            await using var command = connection.Command("");
            command.CommandText =
                "SELECT plan_id, sum(CASE WHEN done_at IS NULL THEN 0 ELSE 1 END), count(*), sum(findings) FROM inspection_task " +
                "WHERE plan_id IN (" + string.Join(", ", planIds.Select((p, i) => Named(command, "@p" + i, p))) + ") GROUP BY plan_id";
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                progress[reader.GetString(0)] = new PlanProgress((int)reader.Int64(1), (int)reader.Int64(2), (int)reader.Int64(3));
            }

            return progress;
        }, cancellationToken);

    /// <summary>Closes the plan's task for the subject with the inspection's result; false when there is no such open task.</summary>
    public Task<bool> CompleteTaskAsync(string planId, string subjectId, string result, int findings, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        database.RunAsync(async (connection, ct) =>
        {
            await using var update = connection.Command(
                "UPDATE inspection_task SET result = @result, findings = @findings, done_at = @at WHERE plan_id = @plan_id AND subject_id = @subject_id AND done_at IS NULL")
                .With("@result", result).With("@findings", (long)findings).With("@at", at.ToUnixTimeMilliseconds())
                .With("@plan_id", planId).With("@subject_id", subjectId);
            return await update.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
        }, cancellationToken);

    private Task<InspectionPlanRecord?> FindOneAsync(string where, Action<DbCommand> bind, CancellationToken cancellationToken) =>
        database.RunAsync(async (connection, ct) =>
        {
            await using var command = connection.Command($"SELECT {PlanColumns} FROM inspection_plan WHERE {where}");
            bind(command);
            return (await ReadPlansAsync(command, ct).ConfigureAwait(false)).FirstOrDefault();
        }, cancellationToken);

    private static async Task<IReadOnlyList<InspectionPlanRecord>> ReadPlansAsync(DbCommand command, CancellationToken ct)
    {
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var plans = new List<InspectionPlanRecord>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            plans.Add(new InspectionPlanRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                ParseRatios(reader.GetString(5)), ParseCounts(reader.GetString(6)), reader.GetString(7), reader.Time(8)));
        }

        return plans;
    }

    private static async Task<IReadOnlyList<InspectionTaskRecord>> ReadTasksAsync(DbCommand command, CancellationToken ct)
    {
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var tasks = new List<InspectionTaskRecord>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            tasks.Add(new InspectionTaskRecord(
                reader.GetString(0), reader.GetString(1), reader.NullableString(2), Enum.Parse<CreditClass>(reader.GetString(3)),
                RiskLevels.TryParseWire(reader.GetString(4), out var level) ? level : RiskLevel.Blue,
                Convert.ToDouble(reader.GetValue(5), CultureInfo.InvariantCulture), Convert.ToDouble(reader.GetValue(6), CultureInfo.InvariantCulture),
                reader.GetString(7).Split(',', StringSplitOptions.RemoveEmptyEntries), reader.NullableString(8), (int)reader.Int64(9), reader.NullableTime(10)));
        }

        return tasks;
    }

    private static string Named(DbCommand command, string name, object value)
    {
        command.With(name, value);
        return name;
    }

    private static string RatiosJson(SpotCheckRatios ratios) =>
        JsonSerializer.Serialize(Enum.GetValues<CreditClass>().ToDictionary(c => c.ToString(), ratios.Of));

    private static SpotCheckRatios ParseRatios(string json)
    {
        var byClass = JsonSerializer.Deserialize<Dictionary<string, double>>(json) ?? throw new FormatException("plan ratios in the store are empty");
        return new SpotCheckRatios(byClass["A"], byClass["B"], byClass["C"], byClass["D"]);
    }

    private static string CountsJson(IReadOnlyDictionary<CreditClass, ClassCount> counts) =>
        JsonSerializer.Serialize(counts.ToDictionary(c => c.Key.ToString(), c => new[] { c.Value.Population, c.Value.Drawn }));

    private static IReadOnlyDictionary<CreditClass, ClassCount> ParseCounts(string json) =>
        (JsonSerializer.Deserialize<Dictionary<string, int[]>>(json) ?? [])
            .ToDictionary(c => Enum.Parse<CreditClass>(c.Key), c => new ClassCount(c.Value[0], c.Value[1]));
}
