namespace Orleans.LiveSim.Abstractions.Feeds;

/// <summary>
/// Integrity counters of one feed since its adapter started (or of one uploaded capture): the one counter set, from the
/// sources that count them to the feed view, the session's connection view and a recording's description.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("livesim.FeedCounters")]
public sealed record FeedCounters
{
    /// <summary>No messages yet.</summary>
    public static FeedCounters Empty { get; } = new();

    /// <summary>Raw messages received from the provider.</summary>
    [Id(0)]
    public long Messages { get; init; }

    /// <summary>Ticks accepted into the journal.</summary>
    [Id(1)]
    public long Ticks { get; init; }

    /// <summary>Gaps detected (each one either repaired or passed on as a <c>feed_gap</c> marker).</summary>
    [Id(2)]
    public long Gaps { get; init; }

    /// <summary>Gaps filled from <c>partialPrices</c>.</summary>
    [Id(3)]
    public long GapsRepaired { get; init; }

    /// <summary>Duplicate ticks dropped.</summary>
    [Id(4)]
    public long Duplicates { get; init; }

    /// <summary>Ticks older than one already applied in the same round, dropped.</summary>
    [Id(5)]
    public long OutOfOrder { get; init; }

    /// <summary>Messages that could not be normalized (quarantined, never applied).</summary>
    [Id(6)]
    public long Malformed { get; init; }

    /// <summary>Rounds whose end was taken from <c>gameHistory</c> because the rug message was missed.</summary>
    [Id(7)]
    public long Reconciled { get; init; }

    /// <summary>Times the feed went stale (no tick within the timeout while a round was active).</summary>
    [Id(8)]
    public long Stale { get; init; }

    /// <summary>Reconnections of a live source.</summary>
    [Id(9)]
    public long Reconnects { get; init; }

    /// <summary>Rounds that ended without a rug message and could not be reconciled from <c>gameHistory</c> (the engine voids their open bets).</summary>
    [Id(10)]
    public long Unreconciled { get; init; }

    /// <summary>Game-state updates without <c>tickCount</c>/<c>price</c> (cooldown countdowns), read but not journaled.</summary>
    [Id(11)]
    public long PartialUpdates { get; init; }

    /// <summary>Messages whose payload was a list (a trace object and a payload, or several updates).</summary>
    [Id(12)]
    public long ListPayloads { get; init; }

    /// <summary>Messages of events other than game state (trades, side games), read and ignored.</summary>
    [Id(13)]
    public long Ignored { get; init; }

    /// <summary>Messages dropped because a source's bounded buffer was full.</summary>
    [Id(14)]
    public long Dropped { get; init; }
}
