namespace Orleans.LiveSim.Abstractions.Quotas;

/// <summary>Whether a reservation was granted; if not, the limit that refused it (its configuration key), its value and what is used.</summary>
[GenerateSerializer]
[Immutable]
[Alias("livesim.QuotaDecision")]
public sealed record QuotaDecision(
    [property: Id(0)] bool Granted,
    [property: Id(1)] string? Limit = null,
    [property: Id(2)] long Max = 0,
    [property: Id(3)] long Used = 0)
{
    public static QuotaDecision Grant { get; } = new(true);
}
