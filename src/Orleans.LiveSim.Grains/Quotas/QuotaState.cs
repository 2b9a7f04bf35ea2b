namespace Orleans.LiveSim.Grains.Quotas;

/// <summary>
/// What a <see cref="QuotaGrain"/> stores (storage <c>livesim</c>, state <c>quota</c>): the slots it granted, each with
/// when it was reserved, so a reservation whose session or recording never came to exist expires after a grace period.
/// </summary>
public sealed class QuotaState
{
    /// <summary>Running sessions by id, with the time their slot was reserved.</summary>
    public Dictionary<string, DateTimeOffset> Sessions { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Recordings by id, with their capture's bytes and the time their room was reserved.</summary>
    public Dictionary<string, RecordingSlot> Recordings { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>A recording's share of its owner's quota.</summary>
public sealed record RecordingSlot(long Bytes, DateTimeOffset ReservedAt);
