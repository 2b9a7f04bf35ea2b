using System.Collections.Concurrent;
using Orleans.LiveSim.Abstractions.Ports;
using Orleans.LiveSim.Abstractions.Recordings;

namespace Orleans.LiveSim.Grains.Recordings;

/// <summary>Recordings of the embedded default, kept in process memory.</summary>
public sealed class InMemoryRecordingStore : IRecordingStore
{
    private readonly ConcurrentDictionary<string, (RecordingInfo Info, byte[] Capture)> _recordings = new(StringComparer.Ordinal);

    public Task SaveAsync(RecordingInfo info, ReadOnlyMemory<byte> capture, CancellationToken cancellationToken = default)
    {
        _recordings[info.RecordingId] = (info, capture.ToArray());
        return Task.CompletedTask;
    }

    public Task<RecordingInfo?> GetAsync(string recordingId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_recordings.TryGetValue(recordingId, out var r) ? r.Info : null);

    public Task<IReadOnlyList<RecordingInfo>> ListAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<RecordingInfo>>(_recordings.Values.Select(r => r.Info).OrderBy(i => i.CreatedAt).ThenBy(i => i.RecordingId, StringComparer.Ordinal).ToList());
}
