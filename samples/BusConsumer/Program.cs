using System.Text.Json;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

// Follows one session's bets from the LiveSim stream and prints them: what a separate execution service would read.
//   dotnet run --project samples/BusConsumer -- <sessionId> [--url nats://127.0.0.1:4222] [--stream LIVESIM]
//       [--from-event-seq N | --since 2026-01-01T00:00:00Z] [--count N]
// A durable consumer replays what the stream retains from the start (or a time), then follows live. Events below
// --from-event-seq are skipped; eventSeq is contiguous per session, so a gap would show a missed event.
var options = Args.Parse(args);
await using var nats = new NatsConnection(NatsOpts.Default with { Url = options.Url, Name = "livesim-bus-consumer" });
var js = new NatsJSContext(nats);
// A durable consumer remembers where it was: restarted, it goes on after the last acknowledged event.
var consumer = await js.CreateOrUpdateConsumerAsync(options.Stream, new ConsumerConfig($"follow-{options.SessionId}")
{
    FilterSubject = $"livesim.*.{options.SessionId}.*",
    DeliverPolicy = options.Since is null ? ConsumerConfigDeliverPolicy.All : ConsumerConfigDeliverPolicy.ByStartTime,
    OptStartTime = options.Since ?? default,
    AckPolicy = ConsumerConfigAckPolicy.Explicit,
});

var printed = 0;
await foreach (var msg in consumer.ConsumeAsync<byte[]>())
{
    await msg.AckAsync();
    using var envelope = JsonDocument.Parse(msg.Data);
    var e = envelope.RootElement;
    var type = e.GetProperty("type").GetString();
    var eventSeq = e.GetProperty("eventSeq").GetInt64();
    if (eventSeq < options.FromEventSeq || type is not ("bet_placed" or "bet_settled" or "session_stopped"))
    {
        continue;
    }

    var body = e.GetProperty("body");
    Console.WriteLine(type switch
    {
        "bet_placed" => $"{eventSeq,8} placed  bet {Bet(body, "betId")} game {Bet(body, "gameId")} tick {Bet(body, "startTick")} stake {Bet(body, "stake")}",
        "bet_settled" => $"{eventSeq,8} settled bet {Bet(body, "betId")} {body.GetProperty("outcome")} returned {body.GetProperty("returned")} balance {body.GetProperty("balance")}",
        _ => $"{eventSeq,8} session {body.GetProperty("status")} ({body.GetProperty("reason")})",
    });
    if (++printed == options.Count || type == "session_stopped")
    {
        break;
    }
}

static string Bet(JsonElement body, string name) => body.GetProperty("bet").GetProperty(name).ToString();

internal sealed record Args(string SessionId, string Url, string Stream, long FromEventSeq, DateTimeOffset? Since, int Count)
{
    public static Args Parse(string[] args)
    {
        string Option(string name, string fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        var session = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && Array.IndexOf(args, a) is var i && (i == 0 || !args[i - 1].StartsWith("--", StringComparison.Ordinal)))
            ?? throw new ArgumentException("usage: BusConsumer <sessionId> [--url nats://127.0.0.1:4222] [--stream LIVESIM] [--from-event-seq N | --since TIME] [--count N]");
        var since = Option("--since", "");
        return new Args(
            session,
            Option("--url", "nats://127.0.0.1:4222"),
            Option("--stream", "LIVESIM"),
            long.Parse(Option("--from-event-seq", "0"), System.Globalization.CultureInfo.InvariantCulture),
            since.Length > 0 ? DateTimeOffset.Parse(since, System.Globalization.CultureInfo.InvariantCulture) : null,
            int.Parse(Option("--count", "0"), System.Globalization.CultureInfo.InvariantCulture));
    }
}
