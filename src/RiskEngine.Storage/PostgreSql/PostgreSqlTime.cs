namespace RiskEngine.Storage.PostgreSql;

/// <summary>How times are kept on PostgreSQL.</summary>
internal static class PostgreSqlTime
{
    /// <summary>
    /// The time as stored: UTC to the millisecond, the precision the embedded store keeps (unix ms), so both modes read
    /// back the same values and what a listener hears at commit equals what a replay reads later.
    /// </summary>
    public static DateTimeOffset ToStored(DateTimeOffset time) => UnixTime.FromMilliseconds(UnixTime.ToMilliseconds(time));
}
