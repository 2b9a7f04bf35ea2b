using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Orleans.LiveSim.Abstractions.Events;
using Orleans.LiveSim.Abstractions.Feeds;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Engine.Configuration;
using Orleans.LiveSim.Abstractions.Storage;
using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Grains.Sessions;

namespace Orleans.LiveSim.Api.Tests.Contracts;

/// <summary>
/// The JSON clients receive, pinned byte for byte: the fixtures were written by the server as it was before the wire
/// records moved apart from the engine (from <see cref="GoldenSession"/>), so a change to any field's name, order or
/// formatting fails here. Only <c>stateHash</c> is taken from the engine: its value is the hash function's business
/// (determinism tests pin it), not the contract's.
/// </summary>
public sealed class ClientJsonTests
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Contracts", "Fixtures");

    [Fact]
    public void The_session_view_of_a_live_session_is_the_json_clients_have_always_received()
    {
        var (view, runner) = LiveView();

        AssertJson("view-live.json", JsonSerializer.Serialize(view, HttpJson), runner.Engine.StateHash);
    }

    [Fact]
    public void A_snapshot_is_the_json_clients_have_always_received()
    {
        var (view, runner) = LiveView();

        var json = Encoding.UTF8.GetString(SessionEventJson.SnapshotUtf8(SessionEventTypes.Snapshot, view, (JsonTypeInfo<SessionSnapshot>)HttpJson.GetTypeInfo(typeof(SessionSnapshot))));

        AssertJson("snapshot.json", json, runner.Engine.StateHash);
    }

    [Fact]
    public void The_session_view_of_a_replay_is_the_json_clients_have_always_received()
    {
        var source = new SessionSource("recording-0011223344556677", SessionMode.Replay, 1, GoldenSession.Ticks.Count, ReplaySpeed.Of(50), "0011223344556677", ProviderKind.Recording);
        var (stored, runner) = RunToCheckpoint(source);
        var last = GoldenSession.Ticks[GoldenSession.Checkpoint - 1];

        var view = SessionViews.Build(GoldenSession.SessionId, stored, runner, null, last.ReceivedAt.AddMilliseconds(1234));

        AssertJson("view-replay.json", JsonSerializer.Serialize(view, HttpJson), runner.Engine.StateHash);
    }

    [Fact]
    public void Every_event_of_a_session_is_the_json_clients_have_always_received()
    {
        var expected = File.ReadAllLines(Path.Combine(Fixtures, "events.jsonl"));
        var outbox = new SessionOutbox(100_000, 1 << 30, TimeSpan.FromDays(1));
        var room = new Room();
        outbox.Watch(room);
        var runner = NewRunner(outbox);

        foreach (var tick in GoldenSession.Ticks)
        {
            runner.Apply(tick);
        }

        runner.Stop("stopped_by_user");
        outbox.Flush();

        Assert.Equal(expected.Length, room.Received.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], room.Received[i].Json);
            Assert.Equal(i + 1, room.Received[i].EventSeq);
        }
    }

    private static JsonSerializerOptions HttpJson => HostJson.Options;

    private static void AssertJson(string fixture, string actual, string stateHash)
    {
        var expected = Regex.Replace(File.ReadAllText(Path.Combine(Fixtures, fixture)), "\"stateHash\":\"[0-9a-f]{16}\"", $"\"stateHash\":\"{stateHash}\"");
        Assert.Equal(expected, actual);
    }

    /// <summary>The golden session at its checkpoint, live on a degraded feed whose every counter differs.</summary>
    private static (SessionView View, SessionRunner Runner) LiveView()
    {
        var (stored, runner) = RunToCheckpoint(new SessionSource(GoldenSession.FeedId, SessionMode.Live, Provider: ProviderKind.Synthetic));
        var last = GoldenSession.Ticks[GoldenSession.Checkpoint - 1];
        var counters = new FeedCounters
        {
            Messages = 101, Ticks = 102, Gaps = 3, GapsRepaired = 2, Duplicates = 4, OutOfOrder = 5, Malformed = 6, Reconciled = 7,
            Stale = 8, Reconnects = 9, Unreconciled = 10, PartialUpdates = 11, ListPayloads = 12, Ignored = 13, Dropped = 14,
        };
        var feed = new FeedView(GoldenSession.FeedId, ProviderKind.Synthetic, FeedConnectionState.Degraded, true, last.Seq + 3, last.ReceivedAt.AddMilliseconds(500), last.GameId, counters);
        return (SessionViews.Build(GoldenSession.SessionId, stored, runner, feed, last.ReceivedAt.AddMilliseconds(1234), "S127.0.0.1:11111:123456789"), runner);
    }

    private static SessionRunner NewRunner(SessionOutbox outbox) =>
        new(GoldenSession.SessionId, GoldenSession.Config, SessionEngine.NewState(GoldenSession.Config), 0, outbox);

    private static (StoredSession Stored, SessionRunner Runner) RunToCheckpoint(SessionSource source)
    {
        var stored = new StoredSession
        {
            Config = GoldenSession.Config,
            Source = source,
            AccessTokenHash = "5f4dcc3b5aa765d61d8327deb882cf995f4dcc3b5aa765d61d8327deb882cf99",
            CreatedAt = GoldenSession.Start.AddSeconds(-3),
        };
        var runner = NewRunner(new SessionOutbox(16, 1 << 16, TimeSpan.FromSeconds(1)));
        foreach (var tick in GoldenSession.Ticks.Take(GoldenSession.Checkpoint))
        {
            runner.Apply(tick);
        }

        return (stored, runner);
    }

    private sealed class Room : ISessionObserver
    {
        public List<SessionEventEnvelope> Received { get; } = [];

        public Task OnEventsAsync(IReadOnlyList<SessionEventEnvelope> events)
        {
            Received.AddRange(events);
            return Task.CompletedTask;
        }
    }
}
