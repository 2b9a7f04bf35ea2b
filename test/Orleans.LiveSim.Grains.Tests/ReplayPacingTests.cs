using Microsoft.Extensions.Time.Testing;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Engine.Configuration;
using Orleans.LiveSim.Engine.Ticks;
using Orleans.LiveSim.Feeds.Journal;
using Orleans.LiveSim.Grains.Sessions;

namespace Orleans.LiveSim.Grains.Tests;

/// <summary>Replay pacing on a fake clock: each entry is released exactly when its recorded delay, divided by the speed, has passed.</summary>
public sealed class ReplayPacingTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task At_fifty_times_real_time_entries_250_ms_apart_are_released_every_5_ms_to_the_tick()
    {
        var reader = await ReaderAsync(ReplaySpeed.Of(50), toSeq: 4);

        Assert.Equal([1L], await DueAsync(reader, 0));
        _time.Advance(TimeSpan.FromMilliseconds(5) - TimeSpan.FromTicks(1));
        Assert.Empty(await DueAsync(reader, 1));
        _time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal([2L], await DueAsync(reader, 1));
        _time.Advance(TimeSpan.FromMilliseconds(10));
        Assert.Equal([3L, 4L], await DueAsync(reader, 2));

        var (due, exhausted) = await reader.NextAsync(4, CancellationToken.None);
        Assert.Equal(0, due.Count);
        Assert.True(exhausted);
    }

    [Fact]
    public async Task At_max_speed_the_whole_range_is_due_at_once_without_the_clock_moving()
    {
        var reader = await ReaderAsync(ReplaySpeed.Max, toSeq: GoldenSession.Ticks.Count);

        Assert.Equal(GoldenSession.Ticks.Select(t => t.Seq), await DueAsync(reader, 0));
    }

    [Fact]
    public async Task While_the_first_read_is_in_flight_nothing_is_due_and_that_empty_answer_can_be_enumerated()
    {
        var reads = new TaskCompletionSource();
        var reader = await ReaderAsync(ReplaySpeed.Max, toSeq: GoldenSession.Ticks.Count, journal => new HeldJournal(journal, reads.Task));

        var (due, exhausted) = reader.Next(0);
        // Enumerated, as a caller may: a default ArraySegment (what `[]` makes of one) throws there.
        Assert.Equal([], due.Select(t => t.Seq));
        Assert.False(exhausted);
        Assert.True(reader.Reading);

        reads.SetResult();
        Assert.Equal(GoldenSession.Ticks.Select(t => t.Seq), await DueAsync(reader, 0));
    }

    private async Task<ReplayReader> ReaderAsync(ReplaySpeed speed, long toSeq, Func<IFeedJournal, IFeedJournal>? wrap = null)
    {
        var journal = new InMemoryFeedJournal();
        await journal.AppendAsync(GoldenSession.FeedId, GoldenSession.Ticks);
        var source = new SessionSource(GoldenSession.FeedId, SessionMode.Replay, 1, toSeq, speed);
        return new ReplayReader(source, wrap?.Invoke(journal) ?? journal, 1000, _time);
    }

    private static async Task<IEnumerable<long>> DueAsync(ReplayReader reader, long lastSeq) =>
        (await reader.NextAsync(lastSeq, CancellationToken.None)).Due.Select(t => t.Seq);

    /// <summary>A journal whose reads wait for <paramref name="reads"/>.</summary>
    private sealed class HeldJournal(IFeedJournal inner, Task reads) : IFeedJournal
    {
        public ValueTask AppendAsync(string feedId, IReadOnlyList<FeedTick> ticks, CancellationToken cancellationToken = default) =>
            inner.AppendAsync(feedId, ticks, cancellationToken);

        public async ValueTask<IReadOnlyList<FeedTick>> ReadAsync(string feedId, long fromSeq, long toSeq, int max, CancellationToken cancellationToken = default)
        {
            await reads.WaitAsync(cancellationToken);
            return await inner.ReadAsync(feedId, fromSeq, toSeq, max, cancellationToken);
        }

        public ValueTask<long> GetLastSeqAsync(string feedId, CancellationToken cancellationToken = default) => inner.GetLastSeqAsync(feedId, cancellationToken);

        public ValueTask<long> GetFirstSeqAsync(string feedId, CancellationToken cancellationToken = default) => inner.GetFirstSeqAsync(feedId, cancellationToken);

        public ValueTask DeleteFeedAsync(string feedId, CancellationToken cancellationToken = default) => inner.DeleteFeedAsync(feedId, cancellationToken);
    }
}
