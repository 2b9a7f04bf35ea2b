namespace Orleans.LiveSim.Abstractions.Quotas;

/// <summary>One slot asked of a quota: the id of the item it is for, and its bytes where the kind counts bytes (0 otherwise).</summary>
[GenerateSerializer]
[Immutable]
[Alias("livesim.QuotaClaim")]
public sealed record QuotaClaim(
    [property: Id(0)] string ItemId,
    [property: Id(1)] long Bytes = 0);
