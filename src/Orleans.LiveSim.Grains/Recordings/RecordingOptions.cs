namespace Orleans.LiveSim.Grains.Recordings;

/// <summary>Limits of uploaded recordings (section <c>LiveSim:Recordings</c>).</summary>
public sealed class RecordingOptions
{
    public const string Section = "LiveSim:Recordings";

    /// <summary>Largest capture one upload may send (<c>MaxBytes</c>). Default 64 MiB.</summary>
    public long MaxBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// What all recordings together may hold where they are kept in silo memory, the embedded default (<c>MaxTotalBytes</c>):
    /// their captures plus their journal entries (<see cref="RecordingFeedJournal.EntryBytes"/> each). Default 512 MiB.
    /// PostgreSQL keeps recordings in the database, where this does not apply.
    /// </summary>
    public long MaxTotalBytes { get; set; } = 512L * 1024 * 1024;
}
