namespace Orleans.LiveSim.Abstractions.Quotas;

/// <summary>What a quota counts. Each kind has a count limit; <see cref="Recordings"/> also limits the bytes its items hold.</summary>
public enum QuotaKind
{
    /// <summary>Sessions that have not ended (live ones, and replays still running); limit <c>RunningSessions</c>.</summary>
    RunningSessions = 0,

    /// <summary>Recordings held (limit <c>Recordings</c>) and the bytes of their captures (limit <c>RecordingBytes</c>).</summary>
    Recordings = 1,
}
