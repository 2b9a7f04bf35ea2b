using System.Collections.Concurrent;
using Orleans.LiveSim.Engine.Ticks;
using Orleans.LiveSim.Feeds.Journal;

namespace Orleans.LiveSim.Grains.Tests;

/// <summary>
/// The silo's in-memory journal, whose reads of a feed can be held past a seq until the test releases them: a replay then
/// stops at a known entry while it is running, so a test can read and stop it there without racing its speed.
/// </summary>
public sealed class HeldJournal(IFeedJournal inner) : IFeedJournal
{
    private readonly ConcurrentDictionary<string, (long AfterSeq, TaskCompletionSource Release)> _holds = new(StringComparer.Ordinal);

    /// <summary>Reads of <paramref name="feedId"/> that start after <paramref name="afterSeq"/> wait until the returned action runs.</summary>
    public Action Hold(string feedId, long afterSeq)
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _holds[feedId] = (afterSeq, release);
        return () =>
        {
            _holds.TryRemove(feedId, out _);
            release.TrySetResult();
        };
    }

    public ValueTask AppendAsync(string feedId, IReadOnlyList<FeedTick> ticks, CancellationToken cancellationToken = default) =>
        inner.AppendAsync(feedId, ticks, cancellationToken);

    public async ValueTask<IReadOnlyList<FeedTick>> ReadAsync(string feedId, long fromSeq, long toSeq, int max, CancellationToken cancellationToken = default)
    {
        if (_holds.TryGetValue(feedId, out var hold) && fromSeq > hold.AfterSeq)
        {
            await hold.Release.Task.WaitAsync(cancellationToken);
        }

        return await inner.ReadAsync(feedId, fromSeq, toSeq, max, cancellationToken);
    }

    public ValueTask DeleteFeedAsync(string feedId, CancellationToken cancellationToken = default) => inner.DeleteFeedAsync(feedId, cancellationToken);

    public ValueTask<long> GetLastSeqAsync(string feedId, CancellationToken cancellationToken = default) => inner.GetLastSeqAsync(feedId, cancellationToken);

    public ValueTask<long> GetFirstSeqAsync(string feedId, CancellationToken cancellationToken = default) => inner.GetFirstSeqAsync(feedId, cancellationToken);
}
