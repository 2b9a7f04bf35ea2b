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
    /// lists instead (real rounds, every tick, oldest first).
    /// </summary>
    public async Task<RecordingInfo> ImportAsync(ReadOnlyMemory<byte> capture, string? name, string content = RecordingInfo.ContentMessages, CancellationToken cancellationToken = default)
    {
        var id = Guid.NewGuid().ToString("N")[..16];
        var analysis = await RecordingAnalyzer.AnalyzeAsync(new MemoryStream(capture.ToArray(), writable: false), cancellationToken);
        var info = new RecordingInfo(id, name, time.GetUtcNow(), capture.Length, analysis.Messages, 0, analysis.Rounds, analysis.Counters, content);
        if (content == RecordingInfo.ContentHistory)
        {
            var rounds = await RoundHistory.ReadAsync(new MemoryStream(capture.ToArray(), writable: false), cancellationToken);
            var history = RoundHistory.ToTicks(info.FeedId, rounds).Select((t, i) => t with { Seq = i + 1 }).ToArray();
            for (var i = 0; i < history.Length; i += AppendBatch)
            {
                await journal.AppendAsync(info.FeedId, history[i..Math.Min(i + AppendBatch, history.Length)], cancellationToken);
            }

            info = info with { Ticks = history.Length, Rounds = rounds.Count };
            await store.SaveAsync(info, capture, cancellationToken);
            return info;
        }

        await using var source = new RecordingFeedSource(info.FeedId, new MemoryStream(capture.ToArray(), writable: false));
        var drained = new List<FeedTick>();
        var seq = 0L;
        while (!source.Completed)
        {
            drained.Clear();
            source.Drain(DateTimeOffset.MaxValue, drained);
            for (var i = 0; i < drained.Count; i += AppendBatch)
            {
                var batch = drained.Skip(i).Take(AppendBatch).Select(t => t with { Seq = ++seq }).ToArray();
                await journal.AppendAsync(info.FeedId, batch, cancellationToken);
            }
        }

        info = info with { Ticks = seq };
        await store.SaveAsync(info, capture, cancellationToken);
        return info;
    }
}
