namespace Orleans.LiveSim.Abstractions.Quotas;

/// <summary>What an owner holds against its quotas, and the quotas.</summary>
[GenerateSerializer]
[Immutable]
[Alias("livesim.QuotaUsage")]
public sealed record QuotaUsage(
    [property: Id(0)] long RunningSessions,
    [property: Id(1)] long MaxRunningSessions,
    [property: Id(2)] long Recordings,
    [property: Id(3)] long MaxRecordings,
    [property: Id(4)] long RecordingBytes,
    [property: Id(5)] long MaxRecordingBytes);
