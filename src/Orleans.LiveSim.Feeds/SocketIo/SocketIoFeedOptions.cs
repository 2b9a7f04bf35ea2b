using Orleans.LiveSim.Feeds.Integrity;
using Orleans.LiveSim.Feeds.Provider;

namespace Orleans.LiveSim.Feeds.SocketIo;

/// <summary>Connection to a provider speaking Socket.IO v4 (Engine.IO 4) over WebSocket. Nothing here is hard-coded in the source.</summary>
public sealed record SocketIoFeedOptions
{
    /// <summary>Server URL, e.g. <c>https://provider.example</c>. Required.</summary>
    public required Uri Url { get; init; }

    /// <summary>Socket.IO path. Default <c>/socket.io</c>.</summary>
    public string Path { get; init; } = "/socket.io";

    /// <summary>Headers sent on the WebSocket upgrade (Origin, User-Agent, ...). Default none.</summary>
    public IReadOnlyDictionary<string, string> ExtraHeaders { get; init; } = new Dictionary<string, string>();

    /// <summary>Which events carry game state, and the quarantine size. Default: <c>gameStateUpdate</c>.</summary>
    public ProviderNormalizerOptions Normalizer { get; init; } = new();

    /// <summary>Integrity checker options (stale timeout). Default: the checker's defaults.</summary>
    public IntegrityOptions Integrity { get; init; } = new();

    /// <summary>First wait before reconnecting; doubles per failed attempt. Default 0.5 s.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Cap of the reconnect wait. Default 30 s.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Time allowed for a connection to be acknowledged. Default 10 s.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// No message at all for this long drops the connection and reconnects (the client has no ping watchdog, so a
    /// half-open connection would otherwise stay silent forever). Default 30 s.
    /// </summary>
    public TimeSpan SilenceTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Messages buffered between drains at most; more are dropped and counted. Default 10,000.</summary>
    public int MaxBufferedMessages { get; init; } = 10_000;
}
