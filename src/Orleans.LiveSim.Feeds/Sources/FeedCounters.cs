namespace Orleans.LiveSim.Feeds.Sources;

/// <summary>Integrity counters of one feed since its adapter started.</summary>
public sealed record FeedCounters
{
    /// <summary>Raw messages received from the provider.</summary>
    public long Messages { get; init; }

    /// <summary>Ticks accepted into the journal.</summary>
    public long Ticks { get; init; }

    /// <summary>Gaps detected (each one either repaired or passed on as a <c>feed_gap</c> marker).</summary>
    public long Gaps { get; init; }

    /// <summary>Gaps filled from <c>partialPrices</c>.</summary>
    public long GapsRepaired { get; init; }

    /// <summary>Duplicate ticks dropped.</summary>
    public long Duplicates { get; init; }

    /// <summary>Ticks older than one already applied in the same round, dropped.</summary>
    public long OutOfOrder { get; init; }

    /// <summary>Messages that could not be normalized (quarantined, never applied).</summary>
    public long Malformed { get; init; }

    /// <summary>Rounds whose end was taken from <c>gameHistory</c> because the rug message was missed.</summary>
    public long Reconciled { get; init; }

    /// <summary>Times the feed went stale (no tick within the timeout while a round was active).</summary>
    public long Stale { get; init; }

    /// <summary>Reconnections of a live source.</summary>
    public long Reconnects { get; init; }

    /// <summary>Rounds that ended without a rug message and could not be reconciled from <c>gameHistory</c> (the engine voids their open bets).</summary>
    public long Unreconciled { get; init; }

    /// <summary>Game-state updates without <c>tickCount</c>/<c>price</c> (cooldown countdowns), read but not journaled.</summary>
    public long PartialUpdates { get; init; }

    /// <summary>Messages whose payload was a list (a trace object and a payload, or several updates).</summary>
    public long ListPayloads { get; init; }

    /// <summary>Messages dropped because a source's bounded buffer was full.</summary>
    public long Dropped { get; init; }

    /// <summary>Messages of events other than game state (trades, side games), read and ignored.</summary>
    public long Ignored { get; init; }
}
