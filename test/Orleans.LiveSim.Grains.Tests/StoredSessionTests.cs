using System.Text.Json;
using System.Text.Json.Nodes;
using Orleans.LiveSim.Abstractions.Events;
using Orleans.LiveSim.Abstractions.Feeds;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Abstractions.Storage;
using Orleans.LiveSim.Engine.Configuration;
using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Grains.Sessions;

namespace Orleans.LiveSim.Grains.Tests;

/// <summary>
/// Stored sessions outlive the code that wrote them. <c>Fixtures/session-state-v1.json</c> is a session as the first
/// release stored it (written by that release's serializer from <see cref="GoldenSession"/>, a bet open); it must load
/// and go on exactly as if it had never been stored.
/// </summary>
public sealed class StoredSessionTests
{
    private static readonly StoredStateSerializer Serializer = new();

    private static byte[] V1Document => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "session-state-v1.json"));

    [Fact]
    public void A_stored_v1_session_is_read_as_the_current_version_with_everything_it_held()
    {
        var v1 = JsonNode.Parse(V1Document)!;

        var stored = Serializer.Deserialize<StoredSession>(BinaryData.FromBytes(V1Document));

        Assert.Equal(StoredSession.CurrentVersion, stored.SchemaVersion);
        Assert.True(stored.Created);
        Assert.Equal(GoldenSession.Config.Parameters.Sizing, stored.Config!.Parameters.Sizing);
        Assert.Equal(GoldenSession.Config.Parameters.BetSizes, stored.Config.Parameters.BetSizes);
        Assert.Equal(new SessionSource(GoldenSession.FeedId, SessionMode.Live, Provider: ProviderKind.Synthetic), stored.Source);
        Assert.Equal(v1["accessTokenHash"]!.GetValue<string>(), stored.AccessTokenHash);
        Assert.Equal(GoldenSession.Start.AddSeconds(-3), stored.CreatedAt);
        Assert.Equal(153, stored.EventSeq);
        var engine = stored.Engine!;
        Assert.Equal(StateHasher.ToHex(v1["engine"]!["hash"]!.GetValue<ulong>()), engine.Hash);
        Assert.Equal(GoldenSession.Checkpoint, engine.LastSeq);
        Assert.Equal(1.08m, engine.Balance);
        Assert.Equal(0.02m, engine.InBets);
        Assert.Equal(new BetView(6, "20260113-dddddddddddddddd", 45, 85, 0.02m, 1.45m, 127, 1), Assert.Single(engine.ActiveBets));
        Assert.Equal([61, 11], engine.RecentRugTicks);
        Assert.Equal(new DateOnly(2026, 1, 13), engine.Day);
        Assert.Equal(TickView.From(GoldenSession.Ticks[GoldenSession.Checkpoint - 1]), engine.LastTick);
        Assert.Equal(6, engine.Stats.BetsPlaced);
        Assert.Equal(3, engine.Stats.GameEquityCurve.Count);
        Assert.Equal(engine.PeakEquity, engine.PeakBalance);
        Assert.False(engine.Paused);
        Assert.Null(engine.PendingBet);
        Assert.Empty(stored.Commands);
    }

    [Fact]
    public void A_stored_v1_session_loads_and_continues_to_the_state_of_an_uninterrupted_run()
    {
        var stored = Serializer.Deserialize<StoredSession>(BinaryData.FromBytes(V1Document));
        var resumed = new SessionRunner(GoldenSession.SessionId, stored.Config!, stored.Engine!.ToState(), stored.EventSeq, NewOutbox());
        var uninterrupted = new SessionRunner(GoldenSession.SessionId, GoldenSession.Config, SessionEngine.NewState(GoldenSession.Config), 0, NewOutbox());
        foreach (var tick in GoldenSession.Ticks)
        {
            uninterrupted.Apply(tick);
            resumed.Apply(tick);
        }

        Assert.Equal(GoldenSession.Ticks.Count, resumed.LastSeq);
        Assert.Equal(uninterrupted.EventSeq, resumed.EventSeq);
        Assert.Equal(1.18m, resumed.Engine.State.Balance);
        Assert.Equal(3, resumed.Engine.State.Stats.BetsWon);
        // All but the hash: the document's hash is of hash version 1, and a session mixes on from the hash it stored (ADR 0003).
        Assert.Equal(Json(StoredEngineState.From(uninterrupted.Engine.State) with { Hash = "" }), Json(StoredEngineState.From(resumed.Engine.State) with { Hash = "" }));
    }

    [Fact]
    public void A_stored_v1_session_mixes_on_from_its_stored_hash_to_the_same_value_every_time()
    {
        var stored = Serializer.Deserialize<StoredSession>(BinaryData.FromBytes(V1Document));
        var resumed = new SessionRunner(GoldenSession.SessionId, stored.Config!, stored.Engine!.ToState(), stored.EventSeq, NewOutbox());
        var checkpoint = new SessionRunner(GoldenSession.SessionId, GoldenSession.Config, SessionEngine.NewState(GoldenSession.Config), 0, NewOutbox());
        foreach (var tick in GoldenSession.Ticks.Take(GoldenSession.Checkpoint))
        {
            checkpoint.Apply(tick);
        }

        // The run to the checkpoint, given the document's hash, is the document: both go on to one hash.
        var rehashed = new SessionRunner(GoldenSession.SessionId, GoldenSession.Config, (StoredEngineState.From(checkpoint.Engine.State) with { Hash = stored.Engine.Hash }).ToState(), checkpoint.EventSeq, NewOutbox());
        foreach (var tick in GoldenSession.Ticks)
        {
            resumed.Apply(tick);
            rehashed.Apply(tick);
        }

        Assert.Equal(rehashed.Engine.StateHash, resumed.Engine.StateHash);
        Assert.Equal("742b255c8edf457b", resumed.Engine.StateHash);
    }

    [Fact]
    public void A_stored_session_reads_back_as_the_state_it_was_written_from()
    {
        var runner = new SessionRunner(GoldenSession.SessionId, GoldenSession.Config, SessionEngine.NewState(GoldenSession.Config), 0, NewOutbox());
        foreach (var tick in GoldenSession.Ticks.Take(GoldenSession.Checkpoint))
        {
            runner.Apply(tick);
        }

        var written = new StoredSession
        {
            Config = GoldenSession.Config,
            Source = new SessionSource("recording-0011223344556677", SessionMode.Replay, 1, 142, ReplaySpeed.Of(50), "0011223344556677", ProviderKind.Recording),
            AccessTokenHash = "hash",
            CreatedAt = GoldenSession.Start,
            EventSeq = runner.EventSeq,
            Engine = StoredEngineState.From(runner.Engine.State),
        };

        var bytes = Serializer.Serialize(written);
        var read = Serializer.Deserialize<StoredSession>(bytes);

        Assert.Equal(StoredSession.CurrentVersion, JsonNode.Parse(bytes.ToMemory().Span)!["schemaVersion"]!.GetValue<int>());
        Assert.Equal(Json(written), Json(read));
        Assert.Equal(runner.Engine.StateHash, new SessionEngine(GoldenSession.Config, read.Engine!.ToState()).StateHash);
    }

    [Fact]
    public void A_stored_v2_session_reads_as_the_current_version_that_delivers_nothing()
    {
        var current = Serializer.Deserialize<StoredSession>(BinaryData.FromBytes(V1Document));
        var v2 = JsonNode.Parse(Serializer.Serialize(current).ToMemory().Span)!.AsObject();
        v2.Remove("delivery");
        v2["schemaVersion"] = 2;

        var stored = Serializer.Deserialize<StoredSession>(BinaryData.FromString(v2.ToJsonString()));

        Assert.Equal(StoredSession.CurrentVersion, stored.SchemaVersion);
        Assert.Null(stored.Delivery);
        Assert.Equal(Json(current.Engine), Json(stored.Engine));
    }

    [Fact]
    public void A_stored_session_keeps_its_bus_outbox_and_webhooks_byte_for_byte()
    {
        var outbox = new[]
        {
            new SessionEventEnvelope(41, "bet_placed", SessionEventJson.Event("bet_placed", GoldenSession.SessionId, 41, 130, new BetPlacedBody(new PlacedBet(7, "g", 3, 43, 0.001m, 1.2m, 130), 0.099m)).Json),
            new SessionEventEnvelope(44, "session_stopped", SessionEventJson.Event("session_stopped", GoldenSession.SessionId, 44, 131, new SessionStoppedBody(SessionStatus.Stopped, "stopped_by_user")).Json),
        };
        var written = Serializer.Deserialize<StoredSession>(BinaryData.FromBytes(V1Document)) with
        {
            Delivery = new StoredDelivery
            {
                BusEvents = ["bet_placed", "session_stopped"],
                BusFromEventSeq = 12,
                BusAckedSeq = 40,
                BusPending = outbox,
                Webhooks = [new StoredWebhook("w1", "https://example.com/hook", ["bet_settled"], "aes256gcm:0a1b2c3d:AAAA", GoldenSession.Start)],
            },
        };

        var read = Serializer.Deserialize<StoredSession>(Serializer.Serialize(written));

        Assert.Equal(Json(written), Json(read));
        Assert.Equal(outbox.Select(e => e.Json), read.Delivery!.BusPending.Select(e => e.Json));
        Assert.Equal(["bet_settled"], Assert.Single(read.Delivery.Webhooks).Events);
    }

    [Fact]
    public void A_bus_outbox_event_is_stored_as_its_json_text_as_before_events_were_carried_as_utf8()
    {
        // The shape stored before envelopes carried UTF-8 bytes: eventSeq, type and the event's JSON as a string.
        const string Stored = """{"eventSeq":41,"type":"game_started","json":"{\u0022type\u0022:\u0022game_started\u0022,\u0022body\u0022:{\u0022gameId\u0022:\u0022g\u00E9\u0022}}"}""";

        var read = JsonSerializer.Deserialize<SessionEventEnvelope>(Stored, StoredStateSerializer.Options)!;

        Assert.Equal((41L, "game_started"), (read.EventSeq, read.Type));
        Assert.Equal("{\"type\":\"game_started\",\"body\":{\"gameId\":\"g\u00e9\"}}"u8.ToArray(), read.Utf8);
        Assert.Equal(Stored, JsonSerializer.Serialize(read, StoredStateSerializer.Options));
    }

    [Fact]
    public void A_document_of_a_newer_schema_is_refused_rather_than_misread()
    {
        var newer = JsonNode.Parse(V1Document)!.AsObject();
        newer["schemaVersion"] = StoredSession.CurrentVersion + 1;

        var error = Assert.Throws<InvalidOperationException>(() => Serializer.Deserialize<StoredSession>(BinaryData.FromString(newer.ToJsonString())));

        Assert.Equal($"Stored StoredSession has schema version {StoredSession.CurrentVersion + 1}; this build reads versions 1 to {StoredSession.CurrentVersion}. Deploy the newer build, or restore the state from before the upgrade.", error.Message);
    }

    private static SessionOutbox NewOutbox() => new(16, 1 << 16, TimeSpan.FromSeconds(1));

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, StoredStateSerializer.Options);
}
