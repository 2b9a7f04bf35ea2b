using Orleans.LiveSim.Engine.Ticks;

namespace Orleans.LiveSim.Abstractions.Serialization;

/// <summary>Wire form of the engine's <see cref="FeedTick"/> (the engine stays free of Orleans attributes).</summary>
[GenerateSerializer]
[Alias("livesim.FeedTick")]
public struct FeedTickSurrogate
{
    [Id(0)] public string FeedId;
    [Id(1)] public long Seq;
    [Id(2)] public string GameId;
    [Id(3)] public int Tick;
    [Id(4)] public decimal Price;
    [Id(5)] public GamePhase Phase;
    [Id(6)] public bool Active;
    [Id(7)] public bool Rugged;
    [Id(8)] public DateTimeOffset ReceivedAt;
    [Id(9)] public FeedTickKind Kind;
    [Id(10)] public int GapTicks;
}

/// <summary>Converts <see cref="FeedTick"/> to and from its wire form.</summary>
[RegisterConverter]
public sealed class FeedTickSurrogateConverter : IConverter<FeedTick, FeedTickSurrogate>
{
    public FeedTick ConvertFromSurrogate(in FeedTickSurrogate s) =>
        new(s.FeedId, s.Seq, s.GameId, s.Tick, s.Price, s.Phase, s.Active, s.Rugged, s.ReceivedAt, s.Kind, s.GapTicks);

    public FeedTickSurrogate ConvertToSurrogate(in FeedTick t) => new()
    {
        FeedId = t.FeedId,
        Seq = t.Seq,
        GameId = t.GameId,
        Tick = t.Tick,
        Price = t.Price,
        Phase = t.Phase,
        Active = t.Active,
        Rugged = t.Rugged,
        ReceivedAt = t.ReceivedAt,
        Kind = t.Kind,
        GapTicks = t.GapTicks,
    };
}
