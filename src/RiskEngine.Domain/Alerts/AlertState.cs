namespace RiskEngine.Domain.Alerts;

/// <summary>Where an alert is in its life (wire: open / acknowledged / resolved).</summary>
public enum AlertState
{
    Open,
    Acknowledged,
    Resolved,
}

public static class AlertStates
{
    public static string ToWire(this AlertState state) => state switch
    {
        AlertState.Open => "open",
        AlertState.Acknowledged => "acknowledged",
        AlertState.Resolved => "resolved",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "unknown alert state"),
    };

    public static bool TryParseWire(string? wire, out AlertState state)
    {
        foreach (var candidate in Enum.GetValues<AlertState>())
        {
            if (string.Equals(wire?.Trim(), candidate.ToWire(), StringComparison.OrdinalIgnoreCase))
            {
                state = candidate;
                return true;
            }
        }

        state = default;
        return false;
    }
}
