namespace Orleans.LiveSim.Grains.Delivery;

/// <summary>The event bus (section <c>LiveSim:EventBus</c>). Off unless <c>LiveSim:EventBus:Nats:Url</c> is set.</summary>
public sealed class EventBusOptions
{
    public const string Section = "LiveSim:EventBus";

    /// <summary>Why a session cannot publish on a deployment without a bus.</summary>
    public const string NotConfigured = "this deployment has no event bus (LiveSim:EventBus:Nats:Url is not set).";

    /// <summary>The NATS server and the deployment's JetStream stream.</summary>
    public NatsBusOptions Nats { get; set; } = new();

    /// <summary>
    /// Events a session holds for the bus before it is acknowledged. At this many the session pauses (<c>bus_lag</c>)
    /// until the bus catches up, then applies the feed entries it skipped from the journal. Default 4096.
    /// </summary>
    public int MaxPendingEvents { get; set; } = 4096;

    /// <summary>Messages the per-silo publisher queues before it refuses offers (back-pressure). Default 65536.</summary>
    public int QueueCapacity { get; set; } = 65536;

    /// <summary>Publishes in flight (sent, acknowledgement awaited) per silo. Default 256.</summary>
    public int PublishWindow { get; set; } = 256;
}

/// <summary>NATS connection and stream settings (section <c>LiveSim:EventBus:Nats</c>).</summary>
public sealed class NatsBusOptions
{
    /// <summary>The NATS server, e.g. <c>nats://127.0.0.1:4222</c>. Default none: no bus.</summary>
    public string? Url { get; set; }

    /// <summary>The deployment's stream (subjects <c>livesim.&gt;</c>), created or updated at start-up. Default <c>LIVESIM</c>.</summary>
    public string Stream { get; set; } = "LIVESIM";

    /// <summary><c>limits</c> (keep until MaxAge/MaxBytes), <c>interest</c> (until every consumer acknowledged) or <c>workqueue</c>. Default <c>limits</c>.</summary>
    public string Retention { get; set; } = "limits";

    /// <summary>How long the stream keeps a message. Default 7 days.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Size of the stream before the oldest messages go; -1 for no limit. Default 1 GiB.</summary>
    public long MaxBytes { get; set; } = 1L << 30;

    /// <summary>
    /// JetStream drops a message whose <c>Nats-Msg-Id</c> it saw within this window. Default 10 minutes: a session
    /// recovering from a crash republishes at most what it did since its last state write (about a minute), and
    /// also asks the stream where the session's events end.
    /// </summary>
    public TimeSpan DuplicateWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary><c>file</c> or <c>memory</c>. Default <c>file</c>.</summary>
    public string Storage { get; set; } = "file";

    /// <summary>How long a publish waits for its acknowledgement before it counts as failed. Default 5 s.</summary>
    public TimeSpan AckTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
