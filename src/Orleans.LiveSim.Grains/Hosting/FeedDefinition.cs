using Orleans.LiveSim.Abstractions.Feeds;

namespace Orleans.LiveSim.Grains.Hosting;

/// <summary>One configured feed (section <c>LiveSim:Feeds:{feedId}</c>).</summary>
public sealed class FeedDefinition
{
    /// <summary>Source kind: <c>synthetic</c> (default), <c>socketio</c> (the provider's live feed) or <c>recording</c> (a capture file played as a feed).</summary>
    public ProviderKind Provider { get; set; } = ProviderKind.Synthetic;

    /// <summary>Start this feed on every silo start and keep it running. Default true.</summary>
    public bool AutoStart { get; set; } = true;

    /// <summary>Synthetic: seed of the game. Default 42.</summary>
    public ulong Seed { get; set; } = 42;

    /// <summary>Synthetic: milliseconds between ticks. Default 250.</summary>
    public int TickIntervalMs { get; set; } = 250;

    /// <summary>Synthetic: seconds of cooldown between rounds. Default 15.</summary>
    public int CooldownSeconds { get; set; } = 15;

    /// <summary>Socket.IO: the provider's URL. Required for <c>socketio</c>.</summary>
    public string? Url { get; set; }

    /// <summary>Socket.IO: the path. Default <c>/socket.io</c>.</summary>
    public string SocketIoPath { get; set; } = "/socket.io";

    /// <summary>Socket.IO: headers sent on the WebSocket upgrade (Origin, User-Agent, ...). Default none.</summary>
    public Dictionary<string, string> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Socket.IO: events that carry game state. Default <c>gameStateUpdate</c>.</summary>
    public List<string> GameStateEvents { get; set; } = [];

    /// <summary>Seconds without a tick during an active round before the feed counts as degraded. Default 5.</summary>
    public int StaleSeconds { get; set; } = 5;

    /// <summary>Socket.IO: append every raw provider message to this capture file (JSON lines), so any live period can be replayed. Default off.</summary>
    public string? RecordTo { get; set; }

    /// <summary>Recording: the capture file to play.</summary>
    public string? File { get; set; }

    /// <summary>Recording: <c>max</c> or a multiple of real time. Default 1.</summary>
    public string Speed { get; set; } = "1";
}
