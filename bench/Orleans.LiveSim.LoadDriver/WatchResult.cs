namespace Orleans.LiveSim.LoadDriver;

/// <summary>What the WebSocket watchers measured over one window.</summary>
public sealed record WatchResult
{
    public int Watchers { get; init; }

    public int Connected { get; init; }

    public long ConnectFailures { get; init; }

    public bool WatchOne { get; init; }

    public double Seconds { get; init; }

    public double FramesPerSecond { get; init; }

    /// <summary><c>live_tick</c> frames received in the window (each one a latency sample).</summary>
    public long LiveTicks { get; init; }

    /// <summary>Feed receive (the tick's <c>receivedAt</c>) to client receive.</summary>
    public double? P50Ms { get; init; }

    public double? P99Ms { get; init; }

    public double? MaxMs { get; init; }

    /// <summary>Events never received: holes in eventSeq, and the events a <c>resync</c> skipped.</summary>
    public long Lost { get; init; }

    public long Resyncs { get; init; }

    /// <summary>Connections the server closed or that failed during the window.</summary>
    public long Closed { get; init; }

    /// <summary>CPU of the process running the watchers (the silo's too when they share a process).</summary>
    public double CpuPercent { get; init; }
}
