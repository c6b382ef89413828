using Microsoft.Extensions.Logging;
using RiskEngine.Abstractions;
using RiskEngine.Domain;
using RiskEngine.Grains.Dispatch;
using RiskEngine.Grains.Subjects;
using RiskEngine.Storage;

namespace RiskEngine.Grains.Sweep;

/// <summary>
/// Raises the district's date-driven notices as logged signals. Each notice's source id names the unit and
/// the date it is about, so a sweep that runs twice, or on two silos, raises it once.
/// </summary>
public sealed partial class DueDateSweepGrain(
    SubjectServices services,
    SignalPipeline pipeline,
    ILogger<DueDateSweepGrain> logger) : Grain, IDueDateSweepGrain
{
    public const string Source = "riskengine-sweep";
    private const string ReminderName = "due-date-sweep";
    private const int PageSize = 2000;

    public async Task StartAsync()
    {
        var period = services.Options.SweepPeriod < TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : services.Options.SweepPeriod;
        await this.RegisterOrUpdateReminder(ReminderName, TimeSpan.FromSeconds(5), period);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == ReminderName)
        {
            await SweepAsync();
        }
    }

    public async Task<int> SweepAsync()
    {
        var district = this.GetPrimaryKeyString();
        var options = services.Options;
        var raised = 0;
        while (true)
        {
            var now = services.Clock.GetUtcNow();
            var notices = await services.Directory.FindDueNoticesAsync(district, now, options.DueSoonDays, options.MaintenanceIntervalDays, PageSize);
            if (notices.Count == 0)
            {
                break;
            }

            var signals = notices.Select(n => ToSignal(n, district, options)).ToArray();
            await pipeline.IngestWhenRoomAsync(signals);
            await services.Directory.MarkNoticesRaisedAsync(notices);
            raised += notices.Count;
            if (notices.Count < PageSize)
            {
                break;
            }
        }

        if (raised > 0)
        {
            LogRaised(logger, district, raised);
        }

        return raised;
    }

    /// <summary>The notice as a signal dated when the crossing happened, so replays and late sweeps agree.</summary>
    internal static SignalToAppend ToSignal(DueNotice notice, string district, EngineOptions options)
    {
        var dueMidnight = new DateTimeOffset(notice.DueDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var occurredAt = notice.Kind switch
        {
            SignalKind.InspectionDueSoon => dueMidnight.AddDays(-options.DueSoonDays),
            SignalKind.MaintenanceOverdue => dueMidnight.AddDays(options.MaintenanceIntervalDays),
            _ => dueMidnight,
        };
        var facts = new DueDateFacts(notice.DueDate);
        var sourceId = $"{notice.Kind.ToWire()}:{notice.Code}:{notice.DueDate:yyyy-MM-dd}";
        return new SignalToAppend(Source, sourceId, SubjectKind.Equipment, notice.Code, notice.Kind, occurredAt,
            SignalFactsCodec.ToJson(facts), district);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep of district {District} raised {Count} due-date notices")]
    private static partial void LogRaised(ILogger logger, string district, int count);
}
