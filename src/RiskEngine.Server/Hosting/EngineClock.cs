using Orleans.Reminders;

namespace RiskEngine.Server.Hosting;

/// <summary>Running the engine on a clock of its own (a simulation, a replay, a test's fake clock).</summary>
public static class EngineClock
{
    /// <summary>
    /// Makes <paramref name="clock"/> the engine's clock (scores, decay, alert escalation, the timers that write
    /// snapshots behind) while Orleans' own machinery (messaging, membership, directory, activation collection, reminder
    /// ticking) stays on real time. Orleans resolves each area's clock by key and falls back to the default one, so without
    /// the keyed entries a fake clock would also stall the runtime. Register before the engine, whose TryAdd of
    /// <see cref="TimeProvider.System"/> then leaves it be.
    /// </summary>
    public static IServiceCollection AddEngineClock(this IServiceCollection services, TimeProvider clock)
    {
        services.AddSingleton(clock);
        string[] realTimeAreas =
        [
            TimeProviderNames.Messaging,
            TimeProviderNames.SystemTimers,
            TimeProviderNames.Membership,
            TimeProviderNames.ActivationManagement,
            TimeProviderNames.GrainDirectory,
            ReminderTimeProviderNames.Reminders,
        ];
        foreach (var area in realTimeAreas)
        {
            services.AddKeyedSingleton(area, TimeProvider.System);
        }

        return services;
    }
}
