using Microsoft.Extensions.Time.Testing;
using Orleans.LiveSim.Abstractions.Feeds;
using Orleans.LiveSim.Engine.Ticks;
using Orleans.LiveSim.Feeds.Recording;
using Orleans.LiveSim.Feeds.SocketIo;
using Orleans.LiveSim.Feeds.Sources;

namespace Orleans.LiveSim.Feeds.Tests;

public sealed class SocketIoFeedSourceTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [SharedDataFact]
    public async Task Live_source_sees_the_whole_capture_with_the_recordings_counters_and_ticks_and_survives_a_server_restart()
    {
        var capture = SharedData.CapturePath;
        var server = await ReplayServer.StartAsync(capture);
        var recordingPath = Path.Combine(Path.GetTempPath(), $"livesim-recorded-{Guid.NewGuid():N}.jsonl");
        var nextRoundsPath = Path.Combine(Path.GetTempPath(), $"livesim-next-{Guid.NewGuid():N}.jsonl");
        var recorder = RecordingWriter.Append(recordingPath);
        var options = new SocketIoFeedOptions
        {
            Url = server.Url,
            ExtraHeaders = new Dictionary<string, string> { ["User-Agent"] = "livesim-tests" },
            InitialBackoff = TimeSpan.FromMilliseconds(100),
            MaxBackoff = TimeSpan.FromSeconds(1),
            SilenceTimeout = TimeSpan.FromSeconds(5),
        };
        var source = new SocketIoFeedSource("live", options, recorder: recorder);
        try
        {
            Assert.Equal(FeedConnectionState.Disconnected, source.State);
            await source.StartAsync(CancellationToken.None);
            var live = new List<FeedTick>();
            await DrainUntilAsync(source, live, () => source.Counters.Messages >= 197, "all 197 messages of the capture");

            await using (var file = File.OpenRead(capture))
            {
                var analysis = await RecordingAnalyzer.AnalyzeAsync(file);
                Assert.Equal(analysis.Counters, source.Counters);
            }

            Assert.Equal(RealCaptureIntegrityTests.ExpectedCounters, source.Counters);
            await using (var replay = RecordingFeedSource.Open("live", capture))
            {
                var replayed = new List<FeedTick>();
                replay.Drain(DateTimeOffset.UtcNow, replayed);
                Assert.Equal(replayed.Select(Pipeline.Shape), live.Select(Pipeline.Shape));
            }

            // What the live source recorded replays to the same ticks.
            recorder.Flush();
            var (fromRecording, recordedProcessor) = Pipeline.Run(File.ReadAllLines(recordingPath));
            Assert.Equal(live, fromRecording.Select(t => t with { FeedId = "live" }));
            Assert.Equal(197, recordedProcessor.Counters.Messages);

            // The provider goes away; the next server on the same port plays the following rounds.
            await server.StopAsync();
            await WaitUntilAsync(() => source.State != FeedConnectionState.Connected, "the source to notice the server is gone");
            await File.WriteAllLinesAsync(nextRoundsPath, SharedData.CaptureLines().Select(l => l
                .Replace("e8186dbf38e046d1", "0000000000000001", StringComparison.Ordinal)
                .Replace("88792b42a6b44197", "0000000000000002", StringComparison.Ordinal)
                .Replace("2025-12-06T19:57:", "2025-12-06T19:58:", StringComparison.Ordinal)));
            await server.DisposeAsync();
            server = await ReplayServer.StartAsync(nextRoundsPath, server.Port);
            await DrainUntilAsync(source, live, () => source.Counters.Messages >= 2 * 197, "the second server's 197 messages");

            Assert.True(source.Counters.Reconnects >= 1, $"Reconnects = {source.Counters.Reconnects}");
            Assert.Equal(FeedConnectionState.Connected, source.State);
            Assert.Equal(2 * 139, source.Counters.Ticks);
            Assert.Equal(139, live.Count(t => t.GameId.Contains("-000000000000000", StringComparison.Ordinal)));
        }
        finally
        {
            await source.DisposeAsync();
            await server.DisposeAsync();
            recorder.Dispose();
            File.Delete(recordingPath);
            File.Delete(nextRoundsPath);
        }
    }

    [SharedDataFact]
    public async Task Live_source_reconnects_after_a_server_side_disconnect()
    {
        await using var server = await ReplayServer.StartAsync(SharedData.CapturePath, thenDisconnect: true);
        var options = new SocketIoFeedOptions { Url = server.Url, InitialBackoff = TimeSpan.FromMilliseconds(100), MaxBackoff = TimeSpan.FromSeconds(1) };
        await using var source = new SocketIoFeedSource("live", options);
        await source.StartAsync(CancellationToken.None);
        var ticks = new List<FeedTick>();
        await DrainUntilAsync(source, ticks, () => source.Counters.Messages >= 2 * 197, "the capture twice (disconnected by the server in between)");

        Assert.True(source.Counters.Reconnects >= 1, $"Reconnects = {source.Counters.Reconnects}");

        // The second pass repeats rounds that are already over: nothing of it may reach the journal again.
        Assert.Equal(139, ticks.Count);
        Assert.Equal(139, source.Counters.Ticks);
    }

    [SharedDataFact]
    public async Task Live_source_announces_each_message_as_it_arrives_so_one_drain_then_finds_them_all()
    {
        await using var server = await ReplayServer.StartAsync(SharedData.CapturePath);
        await using var source = new SocketIoFeedSource("live", new SocketIoFeedOptions { Url = server.Url });
        var announced = 0;
        source.OnAvailable(() => Interlocked.Increment(ref announced));
        await source.StartAsync(CancellationToken.None);

        // Nobody drains until every message was announced: the announcements alone say the buffer holds them.
        await WaitUntilAsync(() => Volatile.Read(ref announced) >= 197, "197 announcements");
        var ticks = new List<FeedTick>();
        source.Drain(DateTimeOffset.UtcNow, ticks);

        Assert.Equal(197, Volatile.Read(ref announced));
        Assert.Equal(197, source.Counters.Messages);
        Assert.Equal(139, ticks.Count);
    }

    [Fact]
    public async Task Live_source_without_a_server_stays_disconnected_and_keeps_retrying()
    {
        var options = new SocketIoFeedOptions
        {
            Url = new Uri("http://127.0.0.1:9"),
            InitialBackoff = TimeSpan.FromMilliseconds(50),
            MaxBackoff = TimeSpan.FromMilliseconds(200),
            ConnectTimeout = TimeSpan.FromSeconds(2),
        };
        await using var source = new SocketIoFeedSource("nowhere", options);
        await source.StartAsync(CancellationToken.None);
        await WaitUntilAsync(() => source.ConnectAttempts >= 3, "three connection attempts");
        var ticks = new List<FeedTick>();
        source.Drain(DateTimeOffset.UtcNow, ticks);
        Assert.Empty(ticks);
        Assert.Equal(FeedConnectionState.Disconnected, source.State);
        Assert.Equal(0, source.Counters.Reconnects);
    }

    [Fact]
    public async Task Without_a_server_each_retry_waits_exactly_its_backoff_on_the_sources_clock()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        var options = new SocketIoFeedOptions
        {
            Url = new Uri("http://127.0.0.1:9"),
            InitialBackoff = TimeSpan.FromSeconds(1),
            MaxBackoff = TimeSpan.FromSeconds(4),
        };
        await using var source = new SocketIoFeedSource("nowhere", options, time);
        await source.StartAsync(CancellationToken.None);

        var attempts = 1L;
        foreach (var seconds in new[] { 1, 2, 4, 4 })
        {
            var wait = TimeSpan.FromSeconds(seconds);
            var at = await Poll.UntilAsync(
                () => Task.FromResult((Attempts: source.ConnectAttempts, At: source.NextAttemptAt)),
                s => s.Attempts == attempts && s.At is not null,
                $"attempt {attempts} to fail and wait out its backoff");
            Assert.Equal(time.GetUtcNow() + wait, at.At);
            Assert.Equal(FeedConnectionState.Disconnected, source.State);

            time.Advance(wait - TimeSpan.FromTicks(1));
            Assert.Equal(attempts, source.ConnectAttempts);
            time.Advance(TimeSpan.FromTicks(1));
            attempts++;
            await Poll.UntilAsync(() => Task.FromResult(source.ConnectAttempts), n => n == attempts, $"attempt {attempts} once its backoff has passed");
        }

        // Back to waiting before the source is disposed (the client library cannot be disposed while it connects).
        await Poll.UntilAsync(() => Task.FromResult(source.NextAttemptAt), a => a is not null, $"attempt {attempts} to fail");
        Assert.Equal(0, source.Counters.Reconnects);
    }

    private static async Task DrainUntilAsync(SocketIoFeedSource source, List<FeedTick> into, Func<bool> done, string what)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            source.Drain(DateTimeOffset.UtcNow, into);
            if (done())
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Timed out after {Deadline.TotalSeconds} s waiting for {what}; counters {source.Counters}, state {source.State}.");
            await Task.Delay(20);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out after {Deadline.TotalSeconds} s waiting for {what}.");
            await Task.Delay(20);
        }
    }
}
