using System.Text.Json;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Orleans.LiveSim.EventBus.Nats;

// Follows one session's bets from the LiveSim stream and prints them: what a separate execution service would read.
//   dotnet run --project samples/BusConsumer -- <sessionId> [--url nats://127.0.0.1:4222] [--stream LIVESIM]
//       [--from-event-seq N | --since 2026-01-01T00:00:00Z] [--count N]
// It reads what the stream retains of the session from the start, from its event N (EventSeqStart finds that event's
// stream sequence) or from a time, then follows live. eventSeq counts every event of the session: a gap is a type the
// session does not publish.
var options = Args.Parse(args);
await using var nats = new NatsConnection(NatsOpts.Default with { Url = options.Url, Name = "livesim-bus-consumer" });
var js = new NatsJSContext(nats);
var fromStart = options.FromEventSeq == 0 && options.Since is null;
var config = new ConsumerConfig
{
    // Without a start, durable: restarted, it goes on after its last acknowledgement. With one, a consumer of this
    // run only, which the server removes a minute after it is left.
    Name = fromStart ? $"follow-{options.SessionId}" : $"follow-{options.SessionId}-{Guid.NewGuid():N}",
    DurableName = fromStart ? $"follow-{options.SessionId}" : null,
    InactiveThreshold = fromStart ? default : TimeSpan.FromMinutes(1),
    FilterSubject = $"livesim.*.{options.SessionId}.*",
    DeliverPolicy = fromStart ? ConsumerConfigDeliverPolicy.All
        : options.Since is null ? ConsumerConfigDeliverPolicy.ByStartSequence : ConsumerConfigDeliverPolicy.ByStartTime,
    OptStartSeq = options.FromEventSeq > 0 ? await EventSeqStart.FindAsync(await js.GetStreamAsync(options.Stream), options.SessionId, options.FromEventSeq) : 0,
    OptStartTime = options.Since ?? default,
    AckPolicy = ConsumerConfigAckPolicy.Explicit,
};
var consumer = await js.CreateOrUpdateConsumerAsync(options.Stream, config);

var printed = 0;
await foreach (var msg in consumer.ConsumeAsync<byte[]>())
{
    await msg.AckAsync();
    using var envelope = JsonDocument.Parse(msg.Data);
    var e = envelope.RootElement;
    var type = e.GetProperty("type").GetString();
    var eventSeq = e.GetProperty("eventSeq").GetInt64();
    if (type is not ("bet_placed" or "bet_settled" or "session_stopped"))
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
