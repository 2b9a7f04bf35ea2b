using Orleans.LiveSim.Engine.Sessions;

namespace Orleans.LiveSim.Abstractions.Sessions;

/// <summary>
/// What a fork of a session needs from its parent: its config, where its ticks come from, the feed seqs it has covered,
/// whether it still runs, and its command log.
/// </summary>
/// <param name="Config">The parent's config (the fork's, unless it asks for new parameters).</param>
/// <param name="Source">The parent's source.</param>
/// <param name="FirstSeq">The first feed seq the parent applied (or would apply): the fork's default start.</param>
/// <param name="LastSeq">The last feed seq the parent applied.</param>
/// <param name="Running">Whether the parent still runs (a running live parent is followed live once the fork has caught up).</param>
/// <param name="Commands">The parent's command log.</param>
/// <param name="OwnerAccountId">The parent's owner account.</param>
[GenerateSerializer]
[Alias("livesim.ForkSource")]
public sealed record ForkSource(
    [property: Id(0)] SessionConfig Config,
    [property: Id(1)] SessionSource Source,
    [property: Id(2)] long FirstSeq,
    [property: Id(3)] long LastSeq,
    [property: Id(4)] bool Running,
    [property: Id(5)] IReadOnlyList<SessionCommand> Commands,
    [property: Id(6)] string? OwnerAccountId);

/// <summary>Answer of <see cref="ISessionGrain.GetForkSourceAsync"/>: the access outcome and, when allowed, the parent's history.</summary>
[GenerateSerializer]
[Alias("livesim.ForkSourceReply")]
public sealed record ForkSourceReply([property: Id(0)] SessionAccess Access, [property: Id(1)] ForkSource? Source);

/// <summary>
/// Answer of <see cref="ISessionGrain.OpenLedgerAsync"/>: the access outcome and, when allowed, what a ledger reader needs
/// besides the ledger (every entry up to <see cref="EventSeq"/> is in the ledger store when this is returned).
/// </summary>
[GenerateSerializer]
[Alias("livesim.LedgerReply")]
public sealed record LedgerReply(
    [property: Id(0)] SessionAccess Access,
    [property: Id(1)] decimal StartingBalance = 0m,
    [property: Id(2)] long EventSeq = 0);
