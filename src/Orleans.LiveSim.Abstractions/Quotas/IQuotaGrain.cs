namespace Orleans.LiveSim.Abstractions.Quotas;

/// <summary>
/// The quotas of one owner (key: <see cref="QuotaKeys.Of"/>: an account id, or the one key all anonymous callers share),
/// one count per <see cref="QuotaKind"/> (running sessions, recordings and their bytes), kept by one grain so every silo
/// sees the same counts. Slots are reserved by item id before the items are created (several at once, all or none, for a
/// caller that makes many) and released when they end or are deleted; the grain reconciles its counts from the session
/// catalog and the recording store when it activates, so a crash cannot hold a slot forever.
/// </summary>
[Alias("livesim.IQuotaGrain")]
public interface IQuotaGrain : IGrainWithStringKey
{
    /// <summary>
    /// Reserves one slot of <paramref name="kind"/> per claim, all or none, or says which limit refuses them. Idempotent:
    /// an id that already holds a slot is not counted again.
    /// </summary>
    [Alias("Reserve")]
    Task<QuotaDecision> ReserveAsync(QuotaKind kind, IReadOnlyList<QuotaClaim> claims);

    /// <summary>Frees the slots of these ids (they ended, were deleted, or were never made). Idempotent.</summary>
    [Alias("Release")]
    Task ReleaseAsync(QuotaKind kind, IReadOnlyList<string> itemIds);

    /// <summary>What the owner holds and may hold.</summary>
    [Alias("Usage")]
    Task<QuotaUsage> GetUsageAsync();
}

/// <summary>The one-item forms of <see cref="IQuotaGrain"/>'s calls.</summary>
public static class QuotaGrainExtensions
{
    /// <summary>Reserves one slot of <paramref name="kind"/> for <paramref name="itemId"/> (with its bytes, for kinds that count them).</summary>
    public static Task<QuotaDecision> ReserveAsync(this IQuotaGrain quota, QuotaKind kind, string itemId, long bytes = 0) =>
        quota.ReserveAsync(kind, [new QuotaClaim(itemId, bytes)]);

    /// <summary>Frees the slot of <paramref name="itemId"/>.</summary>
    public static Task ReleaseAsync(this IQuotaGrain quota, QuotaKind kind, string itemId) => quota.ReleaseAsync(kind, [itemId]);
}
