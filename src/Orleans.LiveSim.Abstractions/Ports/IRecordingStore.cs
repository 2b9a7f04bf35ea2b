using Orleans.LiveSim.Abstractions.Recordings;

namespace Orleans.LiveSim.Abstractions.Ports;

/// <summary>Uploaded recordings: their description and the raw capture.</summary>
public interface IRecordingStore
{
    Task SaveAsync(RecordingInfo info, ReadOnlyMemory<byte> capture, CancellationToken cancellationToken = default);

    Task<RecordingInfo?> GetAsync(string recordingId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<RecordingInfo>> ListAsync(CancellationToken cancellationToken = default);
}
