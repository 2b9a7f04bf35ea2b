namespace Orleans.LiveSim.LoadDriver;

/// <summary>What one run measured (one session count, one fresh silo).</summary>
public sealed record RunResult
{
    public int Sessions { get; init; }

    public int Created { get; init; }

    public double CreateSeconds { get; init; }

    public double CreateCpuPercent { get; init; }

    public double? CreateP50Ms { get; init; }

    public double? CreateP99Ms { get; init; }

    public double FeedTicksPerSecond { get; init; }

    public double SessionTicksPerSecond { get; init; }

    public double ExpectedSessionTicksPerSecond => Created * FeedTicksPerSecond;

    public double CpuPercent { get; init; }

    /// <summary>Batch's <c>ReceivedAt</c> to the end of the session's applying it (the silo's <c>livesim.session.delay</c>).</summary>
    public double? DeliveryP50Ms { get; init; }

    public double? DeliveryP99Ms { get; init; }

    /// <summary>Feed receive to shard turn start: the silo's <c>livesim.fanout.delay</c> histogram.</summary>
    public double? FanoutP50Ms { get; init; }

    public double? FanoutP99Ms { get; init; }

    public double? FanoutMaxMs { get; init; }

    /// <summary>Feed receive to the start of the stream's delivery to the router (the probe; part of the fan-out delay).</summary>
    public double? StreamHopP50Ms { get; init; }

    public double? StreamHopP99Ms { get; init; }

    public double? LagTicksP50 { get; init; }

    public double? LagTicksP99 { get; init; }

    public double? LagTicksMax { get; init; }

    public double? GetRttP50Ms { get; init; }

    public double? GetRttP99Ms { get; init; }

    public int SampleFailures { get; init; }

    public int Gen0 { get; init; }

    public int Gen1 { get; init; }

    public int Gen2 { get; init; }

    public double GcPausePercent { get; init; }

    public long WorkingSetMb { get; init; }

    public long HeapMb { get; init; }

    public string FinalSweep { get; init; } = "-";

    public bool KeepsUp { get; init; }

    /// <summary>What the WebSocket watchers measured, when there were any.</summary>
    public WatchResult? Watch { get; init; }

    /// <summary>Calls from sessions to the front silo's rooms in the window, and the events they carried.</summary>
    public long RoomCalls { get; init; }

    public long RoomEvents { get; init; }

    /// <summary>The event bus in the window, when the run published on one (<c>--nats</c>).</summary>
    public BusResult? Bus { get; init; }
}

/// <summary>
/// Events JetStream acknowledged per second in the window, the acknowledgements it marked as duplicates, publishes
/// that failed and offers the silo's full queue refused in it, and the events sessions held unacknowledged at its end.
/// </summary>
public sealed record BusResult(double AckedPerSecond, long Duplicates, long Failed, long Refused, long LagAtEnd);
