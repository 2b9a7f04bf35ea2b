using System.Text;
using Orleans.LiveSim.Engine.Configuration;
using Orleans.LiveSim.Engine.Ticks;
using Orleans.LiveSim.Feeds.Recording;

namespace Orleans.LiveSim.Feeds.Tests;

public sealed class RecordingTests
{
    private static readonly DateTimeOffset Now = new(2030, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [SharedDataFact]
    public async Task Analyzer_reports_messages_ticks_rounds_and_counters_of_the_real_capture()
    {
        await using var file = File.OpenRead(SharedData.CapturePath);
        var analysis = await RecordingAnalyzer.AnalyzeAsync(file);
        Assert.Equal(new RecordingAnalysis(197, 139, 2, RealCaptureIntegrityTests.ExpectedCounters), analysis);
    }

    [SharedDataFact]
    public async Task Recording_at_max_speed_delivers_everything_in_one_drain_and_completes()
    {
        await using var source = RecordingFeedSource.Open("rec", SharedData.CapturePath);
        var ticks = new List<FeedTick>();
        source.Drain(Now, ticks);
        Assert.True(source.Completed);
        Assert.Equal(RealCaptureIntegrityTests.ExpectedCounters, source.Counters);
        var (expected, _) = Pipeline.Run(SharedData.CaptureLines());
        Assert.Equal(expected.Select(t => t with { FeedId = "rec" }), ticks);
    }

    [SharedDataFact]
    public async Task Recording_at_real_speed_releases_messages_when_their_recorded_offset_is_due()
    {
        // Recorded offsets: tick 129 at 0 ms, tick 128 at 9.8 ms, tick 130 at 20.2 ms, tick 131 at 157.2 ms.
        await using var source = RecordingFeedSource.Open("rec", SharedData.CapturePath, new RecordingSourceOptions { Speed = ReplaySpeed.Of(1m) });
        var ticks = new List<FeedTick>();
        source.Drain(Now, ticks);
        Assert.Equal([129], ticks.Select(t => t.Tick));
        source.Drain(Now.AddMilliseconds(157), ticks);
        Assert.Equal([129, 130], ticks.Select(t => t.Tick));
        source.Drain(Now.AddMilliseconds(158), ticks);
        Assert.Equal([129, 130, 131], ticks.Select(t => t.Tick));
        Assert.False(source.Completed);
        source.Drain(Now.AddMinutes(1), ticks);
        Assert.True(source.Completed);
        Assert.Equal(139, ticks.Count);
    }

    [SharedDataFact]
    public async Task Recording_at_ten_times_speed_gives_the_same_ticks_as_max_speed()
    {
        await using var fast = RecordingFeedSource.Open("rec", SharedData.CapturePath);
        await using var tenfold = RecordingFeedSource.Open("rec", SharedData.CapturePath, new RecordingSourceOptions { Speed = ReplaySpeed.Of(10m) });
        var expected = new List<FeedTick>();
        fast.Drain(Now, expected);
        var actual = new List<FeedTick>();
        for (var at = Now; !tenfold.Completed; at = at.AddMilliseconds(250))
        {
            tenfold.Drain(at, actual);
        }

        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Recording_at_a_finite_speed_says_when_its_next_message_is_due_so_the_adapter_drains_it_then()
    {
        var capture = string.Join('\n',
            Line("10:00:00.000", """{"gameId":"g","tickCount":0,"price":1,"active":true,"rugged":false}"""),
            Line("10:00:01.000", """{"gameId":"g","tickCount":1,"price":1.01,"active":true,"rugged":false}"""),
            Line("10:00:03.000", """{"gameId":"g","tickCount":2,"price":1.02,"active":true,"rugged":false}"""));
        await using var source = new RecordingFeedSource("rec", new MemoryStream(Encoding.UTF8.GetBytes(capture)), new RecordingSourceOptions { Speed = ReplaySpeed.Of(2m) });
        var ticks = new List<FeedTick>();

        // Nothing drained yet: the first message is ready at once.
        Assert.Equal(DateTimeOffset.MinValue, source.NextDueAt);
        source.Drain(Now, ticks);
        Assert.Equal(Now.AddMilliseconds(500), source.NextDueAt);
        source.Drain(Now.AddMilliseconds(499), ticks);
        Assert.Equal([0], ticks.Select(t => t.Tick));
        source.Drain(Now.AddMilliseconds(500), ticks);
        Assert.Equal(Now.AddMilliseconds(1500), source.NextDueAt);
        source.Drain(Now.AddMilliseconds(1500), ticks);

        Assert.Equal([0, 1, 2], ticks.Select(t => t.Tick));
        Assert.True(source.Completed);
        Assert.Null(source.NextDueAt);
    }

    [Fact]
    public async Task Recording_at_max_speed_that_stops_at_its_drain_cap_is_ready_again_at_once()
    {
        var capture = string.Join('\n', Enumerable.Range(0, 3).Select(i =>
            Line($"10:00:0{i}.000", $$"""{"gameId":"g","tickCount":{{i}},"price":1,"active":true,"rugged":false}""")));
        await using var source = new RecordingFeedSource("rec", new MemoryStream(Encoding.UTF8.GetBytes(capture)), new RecordingSourceOptions { MaxMessagesPerDrain = 2 });
        var ticks = new List<FeedTick>();

        source.Drain(Now, ticks);
        Assert.Equal([0, 1], ticks.Select(t => t.Tick));
        Assert.Equal(DateTimeOffset.MinValue, source.NextDueAt);
        source.Drain(Now, ticks);

        Assert.Equal([0, 1, 2], ticks.Select(t => t.Tick));
        Assert.True(source.Completed);
        Assert.Null(source.NextDueAt);
    }

    [Fact]
    public async Task Malformed_lines_are_counted_and_produce_no_ticks()
    {
        var capture = string.Join('\n',
            Line("10:00:00.000", """{"gameId":"g","tickCount":0,"price":1,"active":true,"rugged":false}"""),
            """{"timestamp":"2026-01-01T10:00:00.250","event_type":"gameStateUpdate","data":{"gameId":"g","tickCount":1,"pri""",
            Line("10:00:00.300", """{"gameId":"g","tickCount":"2","price":1.02,"active":true}"""),
            Line("10:00:00.350", """{"gameId":"g","tickCount":2,"price":"NaN","active":true}"""),
            Line("10:00:00.400", """{"gameId":"g","tickCount":2,"price":-1.02,"active":true}"""),
            Line("10:00:00.450", """{"gameId":"g","tickCount":2,"price":0,"active":true}"""),
            Line("10:00:00.500", """{"tickCount":2,"price":1.02,"active":true}"""),
            Line("09:59:59.000", """{"gameId":"g","tickCount":2,"price":1.02,"active":true}"""),
            """{"timestamp":"not a time","event_type":"gameStateUpdate","data":{}}""",
            """["not","an","object"]""",
            "",
            Line("10:00:00.750", """{"gameId":"g","tickCount":1,"price":1.01,"active":true}"""));
        await using var source = new RecordingFeedSource("rec", new MemoryStream(Encoding.UTF8.GetBytes(capture)));
        var ticks = new List<FeedTick>();
        source.Drain(Now, ticks);
        Assert.Equal([(0, 1m), (1, 1.01m)], ticks.Select(t => (t.Tick, t.Price)));
        Assert.Equal((11L, 9L, 2L, 0L), (source.Counters.Messages, source.Counters.Malformed, source.Counters.Ticks, source.Counters.Gaps));
        Assert.Equal(9, source.Quarantine.Count);
        Assert.Contains(source.Quarantine, q => q.Reason.Contains("before the previous", StringComparison.Ordinal));
    }

    [SharedDataFact]
    public async Task Writer_output_reads_back_to_the_same_messages_and_ticks()
    {
        var buffer = new MemoryStream();
        using (var writer = new RecordingWriter(buffer, leaveOpen: true))
        {
            foreach (var line in SharedData.CaptureLines())
            {
                Assert.True(RecordingFormat.TryParseLine(line, out var message, out _));
                writer.Write(message!.Timestamp, message.EventType, message.RawData);
            }
        }

        buffer.Position = 0;
        var written = Encoding.UTF8.GetString(buffer.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var (expected, _) = Pipeline.Run(SharedData.CaptureLines());
        var (actual, processor) = Pipeline.Run(written);
        Assert.Equal(expected, actual);
        Assert.Equal(RealCaptureIntegrityTests.ExpectedCounters, processor.Counters);
        Assert.StartsWith("""{"timestamp":"2025-12-06T19:57:10.420892","event_type":"gameStateUpdate","data":{"active":true""", written[0], StringComparison.Ordinal);
    }

    private static string Line(string time, string data) =>
        $$"""{"timestamp":"2026-01-01T{{time}}","event_type":"gameStateUpdate","data":{{data}}}""";
}
