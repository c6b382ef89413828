namespace RiskEngine.Server.Live;

/// <summary>The city at one moment, for the wall's last-hour trend lines.</summary>
public sealed record TrendPoint(DateTimeOffset At, long Blue, long Yellow, long Orange, long Red, long SignalsPerMinute, long OpenAlerts);

/// <summary>The last hour of the city, oldest first.</summary>
public sealed record TrendResponse(IReadOnlyList<TrendPoint> Points);
