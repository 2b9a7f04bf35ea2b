using Orleans.LiveSim.Abstractions.Events;

namespace Orleans.LiveSim.Abstractions.Delivery;

/// <summary>The event types a session may deliver to other services (bus, webhooks): every type it numbers with an eventSeq.</summary>
public static class DeliveryEventTypes
{
    /// <summary>Every deliverable type, in the order the API lists them.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        SessionEventTypes.LiveTick,
        SessionEventTypes.GameStarted,
        SessionEventTypes.GameEnded,
        SessionEventTypes.BetPlaced,
        SessionEventTypes.BetSettled,
        SessionEventTypes.BetSkipped,
        SessionEventTypes.FeedGap,
        SessionEventTypes.SessionStopped,
    ];

    /// <summary>The list for an error message: <c>live_tick, game_started, ...</c>.</summary>
    public static string Listed { get; } = string.Join(", ", All);

    public static bool IsKnown(string type) => All.Contains(type, StringComparer.Ordinal);
}
