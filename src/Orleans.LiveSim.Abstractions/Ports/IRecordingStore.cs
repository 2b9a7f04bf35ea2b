using Orleans.LiveSim.Abstractions.Recordings;

namespace Orleans.LiveSim.Abstractions.Ports;

/// <summary>Uploaded recordings: their description and the raw capture.</summary>
public interface IRecordingStore
{
    /// <summary>
    /// Claims room for a recording about to be imported, holding <paramref name="bytes"/> (its capture and its journal
    /// entries); false when there is none. Only a store that keeps recordings in silo memory is bounded
    /// (<c>LiveSim:Recordings:MaxTotalBytes</c>); <see cref="DeleteAsync"/> gives the room back, saved or not.
    /// </summary>
    ValueTask<bool> ReserveAsync(string recordingId, long bytes, CancellationToken cancellationToken = default);

    Task SaveAsync(RecordingInfo info, ReadOnlyMemory<byte> capture, CancellationToken cancellationToken = default);

    Task<RecordingInfo?> GetAsync(string recordingId, CancellationToken cancellationToken = default);

    /// <summary>The recordings of <paramref name="owners"/>, in upload order.</summary>
    Task<IReadOnlyList<RecordingInfo>> ListAsync(OwnerFilter owners, CancellationToken cancellationToken = default);

    /// <summary>Removes the recording's description and capture (not its journal entries); false when there was none.</summary>
    Task<bool> DeleteAsync(string recordingId, CancellationToken cancellationToken = default);
}
