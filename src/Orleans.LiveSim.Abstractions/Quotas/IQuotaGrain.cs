namespace Orleans.LiveSim.Abstractions.Quotas;

/// <summary>
/// The quotas of one owner (key: <see cref="QuotaKeys.Of"/>: an account id, or the one key all anonymous callers share):
/// its running sessions, its recordings and their bytes, counted by one grain so every silo sees the same counts. Slots
/// are reserved before a session or recording is created and released when it ends or is deleted; the grain reconciles
/// its counts from the session catalog and the recording store when it activates, so a crash cannot hold a slot forever.
/// </summary>
[Alias("livesim.IQuotaGrain")]
public interface IQuotaGrain : IGrainWithStringKey
{
    /// <summary>Reserves a running-session slot for <paramref name="sessionId"/> (idempotent), or says which limit refuses it.</summary>
    [Alias("ReserveSession")]
    Task<QuotaDecision> ReserveSessionAsync(string sessionId);

    /// <summary>Frees the session's slot (it ended, or was never created). Idempotent.</summary>
    [Alias("ReleaseSession")]
    Task ReleaseSessionAsync(string sessionId);

    /// <summary>Reserves room for a recording of <paramref name="bytes"/> bytes (idempotent), or says which limit refuses it.</summary>
    [Alias("ReserveRecording")]
    Task<QuotaDecision> ReserveRecordingAsync(string recordingId, long bytes);

    /// <summary>Frees a recording's room (deleted, or its upload failed). Idempotent.</summary>
    [Alias("ReleaseRecording")]
    Task ReleaseRecordingAsync(string recordingId);

    /// <summary>What the owner holds and may hold.</summary>
    [Alias("Usage")]
    Task<QuotaUsage> GetUsageAsync();
}
