using Orleans.LiveSim.Abstractions.Ports;
using Orleans.LiveSim.Abstractions.Recordings;
using Orleans.LiveSim.Engine.Ticks;
using Orleans.LiveSim.Feeds.Journal;
using Orleans.LiveSim.Feeds.Recording;

namespace Orleans.LiveSim.Grains.Recordings;

/// <summary>
/// Imports a capture: plays it through the same normalizer and integrity checker as the live provider path,
/// journals the resulting entries as feed <c>recording-{id}</c> (seq 1..n), and stores the description and the
/// raw capture. A replay session of the recording then reads that journal feed like any other.
/// </summary>
public sealed class RecordingImporter(IFeedJournal journal, IRecordingStore store, TimeProvider time)
{
    private const int AppendBatch = 5000;

    /// <summary>
    /// Imports a capture. <paramref name="content"/> <see cref="RecordingInfo.ContentMessages"/> journals what its messages yield
    /// through the live pipeline; <see cref="RecordingInfo.ContentHistory"/> journals the completed rounds its <c>gameHistory</c>
    /// lists instead (real rounds, every tick, oldest first). Either way the messages' counters describe the capture.
    /// </summary>
    public async Task<RecordingInfo> ImportAsync(ReadOnlyMemory<byte> capture, string? name, string content = RecordingInfo.ContentMessages, CancellationToken cancellationToken = default)
    {
        var id = Guid.NewGuid().ToString("N")[..16];
        var bytes = capture.ToArray();
        var feedId = RecordingInfo.FeedPrefix + id;

        var ticks = new List<FeedTick>();
        await using var source = new RecordingFeedSource(feedId, new MemoryStream(bytes, writable: false));
        while (!source.Completed)
        {
            source.Drain(DateTimeOffset.MaxValue, ticks);
        }

        var rounds = source.Rounds;
        if (content == RecordingInfo.ContentHistory)
        {
            var history = await RoundHistory.ReadAsync(new MemoryStream(bytes, writable: false), cancellationToken);
            ticks = RoundHistory.ToTicks(feedId, history).ToList();
            rounds = history.Count;
        }

        for (var i = 0; i < ticks.Count; i += AppendBatch)
        {
            var batch = ticks.Skip(i).Take(AppendBatch).Select((t, j) => t with { Seq = i + j + 1 }).ToArray();
            await journal.AppendAsync(feedId, batch, cancellationToken);
        }

        var counters = source.Counters;
        var info = new RecordingInfo(id, name, time.GetUtcNow(), bytes.Length, counters.Messages, ticks.Count, rounds, counters, content);
        await store.SaveAsync(info, bytes, cancellationToken);
        return info;
    }
}
