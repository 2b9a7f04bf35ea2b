using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using Orleans.LiveSim.Abstractions.Feeds;
using Orleans.LiveSim.Engine.Ticks;
using Orleans.LiveSim.Feeds.Journal;
using Orleans.LiveSim.Feeds.Sources;
using Orleans.LiveSim.Feeds.Synthetic;
using Orleans.LiveSim.Grains.Feeds;

namespace Orleans.LiveSim.Grains.Tests;

/// <summary>
/// The feed adapter's intake on a frozen clock: no timer can fire, so whatever gets published got there because the
/// source rang or because the pump was asked to drain exactly when an entry was due.
/// </summary>
public sealed class FeedPumpTests
{
    private static readonly DateTimeOffset Start = new(2030, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_pushed_entry_rings_the_adapter_from_the_source_thread_and_the_next_drain_journals_and_publishes_it()
    {
        var clock = new FakeTimeProvider(Start);
        var source = new PushedSource();
        var journal = new InMemoryFeedJournal();
        var pump = new FeedPump("pushed", source, journal, clock, null, Heartbeat);
        var wakes = 0;
        var woke = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        pump.Connect(() =>
        {
            Interlocked.Increment(ref wakes);
            woke.TrySetResult();
        });
        Assert.Equal(Heartbeat, pump.NextDrainIn());

        // The provider's message arrives on the source's own thread; nothing else moves the frozen clock.
        await Task.Run(() => source.Push(Tick(tick: 7)));
        await woke.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(TimeSpan.Zero, pump.NextDrainIn());

        var published = new List<FeedBatch>();
        var batch = await pump.PumpAsync(b => Add(published, b), CancellationToken.None);

        var only = Assert.Single(published);
        Assert.Same(batch, only);
        Assert.Equal([1L], only.Ticks.Select(t => t.Seq));
        Assert.Equal(7, only.Ticks[0].Tick);
        Assert.Equal(Start, only.ReceivedAt);
        Assert.Equal([1L], (await journal.ReadAsync("pushed", 1, 10, 10)).Select(t => t.Seq));
        Assert.Equal(1, pump.LastSeq);
        Assert.Equal(Heartbeat, pump.NextDrainIn());
        Assert.Equal(1, wakes);
    }

    [Fact]
    public async Task Entries_pushed_before_a_drain_ring_once_and_an_entry_after_it_rings_again()
    {
        var clock = new FakeTimeProvider(Start);
        var source = new PushedSource();
        var pump = new FeedPump("pushed", source, new InMemoryFeedJournal(), clock, null, Heartbeat);
        var wakes = 0;
        pump.Connect(() => Interlocked.Increment(ref wakes));

        source.Push(Tick(tick: 1));
        clock.Advance(TimeSpan.FromMilliseconds(3));
        source.Push(Tick(tick: 2));
        Assert.Equal(1, wakes);

        var published = new List<FeedBatch>();
        await pump.PumpAsync(b => Add(published, b), CancellationToken.None);
        source.Push(Tick(tick: 3));
        Assert.Equal(2, wakes);
        await pump.PumpAsync(b => Add(published, b), CancellationToken.None);

        Assert.Equal([[1L, 2L], [3L]], published.Select(b => b.Ticks.Select(t => t.Seq).ToArray()));
        // The first batch's arrival is its first entry's, not the later one's.
        Assert.Equal([Start, Start.AddMilliseconds(3)], published.Select(b => b.ReceivedAt!.Value));
    }

    [Fact]
    public async Task The_synthetic_feed_is_drained_when_each_tick_is_due_not_on_a_timer_phase()
    {
        var clock = new FakeTimeProvider(Start);
        var interval = TimeSpan.FromMilliseconds(250);
        var source = new SyntheticFeedSource("synthetic", new SyntheticGameOptions { Seed = 1, TickInterval = interval }, Start);
        var pump = new FeedPump("synthetic", source, new InMemoryFeedJournal(), clock, null, Heartbeat);
        var published = new List<FeedBatch>();

        Assert.Equal(TimeSpan.Zero, pump.NextDrainIn());
        await pump.PumpAsync(b => Add(published, b), CancellationToken.None);
        Assert.Equal(interval, pump.NextDrainIn());

        clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(TimeSpan.FromMilliseconds(150), pump.NextDrainIn());
        Assert.Null(await pump.PumpAsync(b => Add(published, b), CancellationToken.None));

        clock.Advance(TimeSpan.FromMilliseconds(150));
        Assert.Equal(TimeSpan.Zero, pump.NextDrainIn());
        await pump.PumpAsync(b => Add(published, b), CancellationToken.None);

        Assert.Equal([[1L], [2L]], published.Select(b => b.Ticks.Select(t => t.Seq).ToArray()));
        Assert.Equal([Start, Start + interval], published.Select(b => b.ReceivedAt!.Value));
        Assert.Equal([Start, Start + interval], published.Select(b => b.Ticks[0].ReceivedAt));
    }

    [Fact]
    public async Task A_drain_that_finds_a_tick_late_stamps_the_batch_with_the_ticks_due_time()
    {
        var clock = new FakeTimeProvider(Start);
        var source = new SyntheticFeedSource("synthetic", new SyntheticGameOptions { Seed = 1, TickInterval = TimeSpan.FromMilliseconds(250) }, Start);
        var pump = new FeedPump("synthetic", source, new InMemoryFeedJournal(), clock, null, Heartbeat);
        var published = new List<FeedBatch>();

        clock.Advance(TimeSpan.FromMilliseconds(600));
        await pump.PumpAsync(b => Add(published, b), CancellationToken.None);

        var batch = Assert.Single(published);
        Assert.Equal([1L, 2L, 3L], batch.Ticks.Select(t => t.Seq));
        Assert.Equal(Start, batch.ReceivedAt);
        Assert.Equal(TimeSpan.FromMilliseconds(150), pump.NextDrainIn());
    }

    private static Task Add(List<FeedBatch> published, FeedBatch batch)
    {
        published.Add(batch);
        return Task.CompletedTask;
    }

    private static FeedTick Tick(int tick) =>
        new("pushed", 0, "g1", tick, 1.5m, GamePhase.Active, true, false, Start);

    /// <summary>A pushed source as the Socket.IO one is: buffers what arrives on any thread and announces it.</summary>
    private sealed class PushedSource : IFeedSource
    {
        private readonly ConcurrentQueue<FeedTick> _buffer = new();
        private Action? _available;

        public ProviderKind Provider => ProviderKind.SocketIo;

        public FeedConnectionState State => FeedConnectionState.Connected;

        public FeedCounters Counters => new();

        public bool Completed => false;

        public void Push(FeedTick tick)
        {
            _buffer.Enqueue(tick);
            _available?.Invoke();
        }

        public void OnAvailable(Action available) => _available = available;

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Drain(DateTimeOffset now, List<FeedTick> into)
        {
            while (_buffer.TryDequeue(out var tick))
            {
                into.Add(tick);
            }
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
