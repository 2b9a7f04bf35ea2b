using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Orleans.LiveSim.Abstractions.Ports;
using Orleans.LiveSim.Abstractions.Recordings;

namespace Orleans.LiveSim.Grains.Recordings;

/// <summary>
/// Recordings of the embedded default, kept in process memory: together they hold at most
/// <see cref="RecordingOptions.MaxTotalBytes"/> (captures and journal entries, claimed by <see cref="ReserveAsync"/> before an import).
/// </summary>
public sealed class InMemoryRecordingStore(IOptions<RecordingOptions> options) : IRecordingStore
{
    private readonly ConcurrentDictionary<string, (RecordingInfo Info, byte[] Capture)> _recordings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _reserved = new(StringComparer.Ordinal);
    private long _held;

    /// <summary>Bytes claimed by the recordings held and being imported.</summary>
    public long HeldBytes
    {
        get
        {
            lock (_reserved)
            {
                return _held;
            }
        }
    }

    public ValueTask<bool> ReserveAsync(string recordingId, long bytes, CancellationToken cancellationToken = default)
    {
        lock (_reserved)
        {
            if (_reserved.ContainsKey(recordingId))
            {
                return ValueTask.FromResult(true);
            }

            if (_held + bytes > options.Value.MaxTotalBytes)
            {
                return ValueTask.FromResult(false);
            }

            _reserved[recordingId] = bytes;
            _held += bytes;
            return ValueTask.FromResult(true);
        }
    }

    public Task SaveAsync(RecordingInfo info, ReadOnlyMemory<byte> capture, CancellationToken cancellationToken = default)
    {
        _recordings[info.RecordingId] = (info, capture.ToArray());
        return Task.CompletedTask;
    }

    public Task<RecordingInfo?> GetAsync(string recordingId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_recordings.TryGetValue(recordingId, out var r) ? r.Info : null);

    public Task<IReadOnlyList<RecordingInfo>> ListAsync(OwnerFilter owners, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<RecordingInfo>>(_recordings.Values
            .Select(r => r.Info)
            .Where(i => owners.Matches(i.OwnerAccountId))
            .OrderBy(i => i.CreatedAt)
            .ThenBy(i => i.RecordingId, StringComparer.Ordinal)
            .ToList());

    public Task<bool> DeleteAsync(string recordingId, CancellationToken cancellationToken = default)
    {
        var removed = _recordings.TryRemove(recordingId, out _);
        lock (_reserved)
        {
            if (_reserved.Remove(recordingId, out var bytes))
            {
                _held -= bytes;
            }
        }

        return Task.FromResult(removed);
    }
}
