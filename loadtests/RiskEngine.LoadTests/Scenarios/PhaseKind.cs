namespace RiskEngine.LoadTests.Scenarios;

/// <summary>The kinds of traffic phase a scenario strings together.</summary>
public enum PhaseKind
{
    /// <summary>Everyday city traffic at the given rate.</summary>
    Steady,

    /// <summary>The morning ramp: from a tenth of the rate to one and a half times it.</summary>
    Ramp,

    /// <summary>Everyday traffic plus a burst of failed samplings at one district's food businesses.</summary>
    Incident,

    /// <summary>Everyday traffic plus entrapment faults on elevators across the city.</summary>
    Storm,

    /// <summary>Everyday traffic plus a backfill of week-old signals arriving late.</summary>
    Backfill,
}
