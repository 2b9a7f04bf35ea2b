using Orleans.LiveSim.Abstractions.Quotas;

namespace Orleans.LiveSim.Grains.Quotas;

/// <summary>
/// What a <see cref="QuotaGrain"/> stores (storage <c>livesim</c>, state <c>quota</c>): the slots it granted, by kind and
/// item id, each with when it was reserved, so a reservation whose item never came to exist expires after a grace period.
/// </summary>
public sealed class QuotaState
{
    /// <summary>Slots by kind, then by item id.</summary>
    public Dictionary<QuotaKind, Dictionary<string, QuotaSlot>> Held { get; set; } = [];

    /// <summary>The slots of one kind (an empty set the first time it is asked for).</summary>
    public Dictionary<string, QuotaSlot> Of(QuotaKind kind)
    {
        if (!Held.TryGetValue(kind, out var slots))
        {
            Held[kind] = slots = new Dictionary<string, QuotaSlot>(StringComparer.Ordinal);
        }

        return slots;
    }
}

/// <summary>One item's share of its owner's quota: its bytes (0 where the kind does not count bytes) and when it was reserved.</summary>
public sealed record QuotaSlot(long Bytes, DateTimeOffset ReservedAt);
