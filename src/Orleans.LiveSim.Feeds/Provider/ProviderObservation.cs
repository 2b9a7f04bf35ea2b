using Orleans.LiveSim.Engine.Ticks;

namespace Orleans.LiveSim.Feeds.Provider;

/// <summary>One fact taken from a provider message, before integrity checking.</summary>
/// <param name="ReceivedAt">When the message carrying it was received (or recorded).</param>
public abstract record ProviderObservation(DateTimeOffset ReceivedAt);

/// <summary>A full game-state update: it names a tick of a round and its price.</summary>
/// <param name="GameId">Round id.</param>
/// <param name="Tick">The provider's <c>tickCount</c>.</param>
/// <param name="Price">The provider's <c>price</c>, parsed as decimal from the JSON number text.</param>
/// <param name="Active">The provider's <c>active</c> flag.</param>
/// <param name="Rugged">The provider's <c>rugged</c> flag.</param>
/// <param name="Phase">Phase mapped from the flags (rugged, then active, then allowPreRoundBuys, else cooldown).</param>
/// <param name="CooldownTimer">Milliseconds left in the cooldown, when sent.</param>
/// <param name="ReceivedAt">When the message was received.</param>
public sealed record TickObservation(
    string GameId,
    int Tick,
    decimal Price,
    bool Active,
    bool Rugged,
    GamePhase Phase,
    int? CooldownTimer,
    DateTimeOffset ReceivedAt) : ProviderObservation(ReceivedAt);

/// <summary>A game-state update without <c>tickCount</c>/<c>price</c> (cooldown countdown messages).</summary>
/// <param name="GameId">Round id (during the cooldown: the next round's id).</param>
/// <param name="Phase">Cooldown or presale.</param>
/// <param name="CooldownTimer">Milliseconds left in the cooldown, when sent.</param>
/// <param name="ReceivedAt">When the message was received.</param>
public sealed record PartialUpdateObservation(
    string GameId,
    GamePhase Phase,
    int? CooldownTimer,
    DateTimeOffset ReceivedAt) : ProviderObservation(ReceivedAt);

/// <summary>The provider's <c>partialPrices</c>: the last few ticks of a round with their prices.</summary>
/// <param name="GameId">Round the prices belong to (the carrying message's <c>gameId</c>).</param>
/// <param name="StartTick">First tick covered.</param>
/// <param name="EndTick">Last tick covered.</param>
/// <param name="Values">Price per tick.</param>
/// <param name="ReceivedAt">When the message was received.</param>
public sealed record PartialPricesObservation(
    string GameId,
    int StartTick,
    int EndTick,
    IReadOnlyDictionary<int, decimal> Values,
    DateTimeOffset ReceivedAt) : ProviderObservation(ReceivedAt);

/// <summary>The provider's <c>gameHistory</c>: recently completed rounds with every tick's price.</summary>
/// <param name="Rounds">Rounds that carried a usable <c>prices</c> array.</param>
/// <param name="ReceivedAt">When the message was received.</param>
public sealed record GameHistoryObservation(
    IReadOnlyList<CompletedRound> Rounds,
    DateTimeOffset ReceivedAt) : ProviderObservation(ReceivedAt);

/// <summary>A completed round from <c>gameHistory</c>.</summary>
/// <param name="GameId">Round id.</param>
/// <param name="Prices">Price of every tick; the last element is the rug tick's.</param>
/// <param name="EndedAt">The round's <c>timestamp</c> (epoch milliseconds), when the provider sent one.</param>
public sealed record CompletedRound(string GameId, IReadOnlyList<decimal> Prices, DateTimeOffset? EndedAt = null)
{
    /// <summary>The authoritative rug tick: the last index of <see cref="Prices"/>.</summary>
    public int RugTick => Prices.Count - 1;
}
