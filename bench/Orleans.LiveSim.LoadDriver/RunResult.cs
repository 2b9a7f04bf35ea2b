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

    public long? DeliveryP50Ms { get; init; }

    public long? DeliveryP99Ms { get; init; }

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
}
