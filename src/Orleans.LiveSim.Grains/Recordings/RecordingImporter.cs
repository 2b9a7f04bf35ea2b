using Microsoft.Extensions.Options;
using Orleans.LiveSim.Abstractions.Ports;
using Orleans.LiveSim.Abstractions.Quotas;
using Orleans.LiveSim.Abstractions.Recordings;
using Orleans.LiveSim.Engine.Ticks;
using Orleans.LiveSim.Feeds.Journal;
using Orleans.LiveSim.Feeds.Recording;

namespace Orleans.LiveSim.Grains.Recordings;

/// <summary>
/// Imports a capture: plays it through the same normalizer and integrity checker as the live provider path,
/// journals the resulting entries as feed <c>recording-{id}</c> (seq 1..n), and stores the description and the
/// raw capture. A replay session of the recording then reads that journal feed like any other. The owner's quota
/// (<see cref="IQuotaGrain"/>) and the store's room are claimed first; an import that fails leaves nothing behind.
/// </summary>
public sealed class RecordingImporter(IFeedJournal journal, IRecordingStore store, IGrainFactory grains, IOptions<RecordingOptions> options, TimeProvider time)
{
    private const int AppendBatch = 5000;

    /// <summary>The limit that refuses a recording when the silo's memory holds <see cref="RecordingOptions.MaxTotalBytes"/> of recordings.</summary>
    public const string MaxTotalBytesLimit = "LiveSim:Recordings:MaxTotalBytes";

    /// <summary>
    /// Imports a capture for <paramref name="ownerAccountId"/> (null: anonymous). <paramref name="content"/>
    /// <see cref="RecordingInfo.ContentMessages"/> journals what its messages yield through the live pipeline;
    /// <see cref="RecordingInfo.ContentHistory"/> journals the completed rounds its <c>gameHistory</c> lists instead (real
    /// rounds, every tick, oldest first). Either way the messages' counters describe the capture. Refused, with the limit
    /// that refused it, when the owner's quota or the store's room would be exceeded.
    /// </summary>
    public async Task<RecordingImport> ImportAsync(
        ReadOnlyMemory<byte> capture, string? name, string content = RecordingInfo.ContentMessages, string? ownerAccountId = null, CancellationToken cancellationToken = default)
    {
        var id = Guid.NewGuid().ToString("N")[..16];
        var quota = grains.GetGrain<IQuotaGrain>(QuotaKeys.Of(ownerAccountId));
        var decision = await quota.ReserveAsync(QuotaKind.Recordings, id, capture.Length);
        if (!decision.Granted)
        {
            return new RecordingImport(null, decision);
        }

        var feedId = RecordingInfo.FeedPrefix + id;
        try
        {
            var bytes = capture.ToArray();
            var (ticks, counters, rounds) = await ReadAsync(feedId, bytes, content, cancellationToken);
            var held = bytes.LongLength + ((long)ticks.Count * RecordingFeedJournal.EntryBytes);
            if (!await store.ReserveAsync(id, held, cancellationToken))
            {
                await quota.ReleaseAsync(QuotaKind.Recordings, id);
                return new RecordingImport(null, new QuotaDecision(false, MaxTotalBytesLimit, options.Value.MaxTotalBytes, held));
            }

            for (var i = 0; i < ticks.Count; i += AppendBatch)
            {
                var batch = ticks.Skip(i).Take(AppendBatch).Select((t, j) => t with { Seq = i + j + 1 }).ToArray();
                await journal.AppendAsync(feedId, batch, cancellationToken);
            }

            var info = new RecordingInfo(id, name, time.GetUtcNow(), bytes.Length, counters.Messages, ticks.Count, rounds, counters, content, ownerAccountId);
            await store.SaveAsync(info, bytes, cancellationToken);
            return new RecordingImport(info, null);
        }
        catch
        {
            // Nothing half-imported stays: no entries, no description, no room or quota held.
            await journal.DeleteFeedAsync(feedId, CancellationToken.None);
            await store.DeleteAsync(id, CancellationToken.None);
            await quota.ReleaseAsync(QuotaKind.Recordings, id);
            throw;
        }
    }

    private static async Task<(List<FeedTick> Ticks, Abstractions.Feeds.FeedCounters Counters, long Rounds)> ReadAsync(
        string feedId, byte[] bytes, string content, CancellationToken cancellationToken)
    {
        var ticks = new List<FeedTick>();
        await using var source = new RecordingFeedSource(feedId, new MemoryStream(bytes, writable: false));
        while (!source.Completed)
        {
            source.Drain(DateTimeOffset.MaxValue, ticks);
        }

        long rounds = source.Rounds;
        if (content == RecordingInfo.ContentHistory)
        {
            var history = await RoundHistory.ReadAsync(new MemoryStream(bytes, writable: false), cancellationToken);
            ticks = RoundHistory.ToTicks(feedId, history).ToList();
            rounds = history.Count;
        }

        return (ticks, source.Counters, rounds);
    }
}

/// <summary>An import's outcome: the recording, or the limit that refused it.</summary>
public sealed record RecordingImport(RecordingInfo? Info, QuotaDecision? Refused);
