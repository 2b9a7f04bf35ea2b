using System.Text.Json.Serialization;
using Orleans.LiveSim.Abstractions.Delivery;
using Orleans.LiveSim.Abstractions.Feeds;
using Orleans.LiveSim.Abstractions.Serialization;
using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Engine.Strategies;

namespace Orleans.LiveSim.Abstractions.Sessions;

/// <summary>
/// A session as <c>GET /live-sim/sessions/{id}</c> shows it (DESIGN.md section 4). <see cref="Host"/> is the silo the
/// session runs on now (it moves when that silo dies). <see cref="Mode"/> is what it does now: a fork of a live session
/// replays until it has caught up with the feed, then runs live (its <see cref="Source"/> says live from its fromSeq).
/// <see cref="Paused"/>: its owner paused betting. <see cref="ForkOf"/>: the session it was forked from.
/// <see cref="Bus"/> is there only while the session publishes on the event bus.
/// </summary>
[GenerateSerializer]
[Alias("livesim.SessionView")]
public sealed record SessionView(
    [property: Id(0)] string Id,
    [property: Id(1), JsonConverter(typeof(CamelCaseEnumConverter<SessionStatus>))] SessionStatus Status,
    [property: Id(2)] string? StatusReason,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] StrategyView Strategy,
    [property: Id(5)] SessionMode Mode,
    [property: Id(6)] WalletView Wallet,
    [property: Id(7)] IReadOnlyList<BetView> ActiveBets,
    [property: Id(8)] StatsView Stats,
    [property: Id(9)] ConnectionView Connection,
    [property: Id(10)] SessionSource Source,
    [property: Id(11)] TickView? LastTick,
    [property: Id(12)] string StateHash,
    [property: Id(13)] long EventSeq,
    [property: Id(14)] string? Host = null,
    [property: Id(15)] bool Paused = false,
    [property: Id(16)] string? ForkOf = null,
    [property: Id(17), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] BusView? Bus = null);

/// <summary>The strategy a session runs; <see cref="Name"/> and <see cref="LegacyFormat"/> are set when it came from a legacy file.</summary>
[GenerateSerializer]
[Alias("livesim.StrategyView")]
public sealed record StrategyView(
    [property: Id(0)] string Id,
    [property: Id(1)] StrategyParameters Parameters,
    [property: Id(2)] string? Name = null,
    [property: Id(3)] string? LegacyFormat = null);

/// <summary>The paper wallet. <c>Equity = Balance + InBets</c>.</summary>
[GenerateSerializer]
[Alias("livesim.WalletView")]
public sealed record WalletView(
    [property: Id(0)] decimal StartingBalance,
    [property: Id(1)] decimal Balance,
    [property: Id(2)] decimal InBets,
    [property: Id(3)] decimal Equity,
    [property: Id(4)] decimal PeakEquity);

/// <summary>
/// The session's view of its feed: health, how far it has applied, and the feed's integrity counters (shown flat, as
/// the fields <c>gaps</c> ... <c>reconnects</c>, from the feed's one <see cref="FeedCounters"/>).
/// </summary>
[GenerateSerializer]
[Alias("livesim.ConnectionView")]
public sealed record ConnectionView(
    [property: Id(0)] FeedConnectionState State,
    [property: Id(1)] long LastSeq,
    [property: Id(2)] DateTimeOffset? LastTickAt,
    [property: Id(3)] long? LagMs,
    [property: Id(4), JsonPropertyOrder(1)] long FeedLastSeq,
    [property: Id(5), JsonIgnore] FeedCounters Counters)
{
    public long Gaps => Counters.Gaps;

    public long GapsRepaired => Counters.GapsRepaired;

    public long Duplicates => Counters.Duplicates;

    public long OutOfOrder => Counters.OutOfOrder;

    public long Malformed => Counters.Malformed;

    [JsonPropertyOrder(2)]
    public long Reconciled => Counters.Reconciled;

    [JsonPropertyOrder(2)]
    public long Unreconciled => Counters.Unreconciled;

    [JsonPropertyOrder(2)]
    public long Stale => Counters.Stale;

    [JsonPropertyOrder(2)]
    public long Reconnects => Counters.Reconnects;
}

/// <summary>Answer of a session call: the access outcome and, when allowed, the view.</summary>
[GenerateSerializer]
[Alias("livesim.SessionReply")]
public sealed record SessionReply([property: Id(0)] SessionAccess Access, [property: Id(1)] SessionView? View)
{
    public static SessionReply NotFound { get; } = new(SessionAccess.NotFound, null);

    public static SessionReply Unauthorized { get; } = new(SessionAccess.Unauthorized, null);

    public static SessionReply Forbidden { get; } = new(SessionAccess.Forbidden, null);
}
