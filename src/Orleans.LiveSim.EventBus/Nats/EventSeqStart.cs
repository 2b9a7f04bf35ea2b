using System.Text.Json;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Orleans.LiveSim.EventBus.Nats;

/// <summary>
/// Where a consumer of one session starts when it wants to read from a given <c>eventSeq</c>: the stream sequence of
/// the session's first retained message whose <c>eventSeq</c> is at least that one, for a consumer's
/// <c>DeliverPolicy.ByStartSequence</c>. Within a session <c>eventSeq</c> rises with the stream sequence (the publisher
/// sends a session's events in order and JetStream drops repeats), so a binary search over <c>next_by_subj</c> reads
/// finds it in about log2(stream length) requests, however many other sessions share the stream.
/// <para>Depends on nothing but the NATS client: the sample consumer (samples/BusConsumer) compiles this file too.</para>
/// </summary>
public static class EventSeqStart
{
    /// <summary>
    /// The stream sequence to start at to read session <paramref name="sessionId"/> from <paramref name="eventSeq"/> on.
    /// Past the session's last message (or before its first one), the sequence after the stream's last message: the
    /// consumer then waits for what comes next.
    /// </summary>
    public static async Task<ulong> FindAsync(INatsJSStream stream, string sessionId, long eventSeq, CancellationToken cancellationToken = default)
    {
        var subject = $"livesim.*.{sessionId}.*";
        if (await GetAsync(stream, new StreamMsgGetRequest { LastBySubj = subject }, cancellationToken) is not { } last || last.EventSeq < eventSeq)
        {
            await stream.RefreshAsync(cancellationToken);
            return stream.Info.State.LastSeq + 1;
        }

        // Smallest x in [lo, hi] whose next message of the session has eventSeq >= the one asked for; true at hi.
        var (lo, hi) = (Math.Max(1, stream.Info.State.FirstSeq), last.Seq);
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) / 2);
            var next = await NextAsync(stream, subject, mid, cancellationToken);
            if (next.EventSeq >= eventSeq)
            {
                hi = mid;
            }
            else
            {
                lo = next.Seq + 1;
            }
        }

        return (await NextAsync(stream, subject, lo, cancellationToken)).Seq;
    }

    private static async Task<(ulong Seq, long EventSeq)> NextAsync(INatsJSStream stream, string subject, ulong from, CancellationToken cancellationToken) =>
        await GetAsync(stream, new StreamMsgGetRequest { Seq = from, NextBySubj = subject }, cancellationToken)
            ?? throw new InvalidOperationException($"The stream lost the messages of {subject} from {from} on while it was searched (its limits removed them); search again.");

    private static async Task<(ulong Seq, long EventSeq)?> GetAsync(INatsJSStream stream, StreamMsgGetRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var message = (await stream.GetAsync(request, cancellationToken)).Message;
            // The payload is the event's envelope (the same as on SSE): its eventSeq is the session's.
            using var envelope = JsonDocument.Parse(message.Data);
            return (message.Seq, envelope.RootElement.GetProperty("eventSeq").GetInt64());
        }
        catch (NatsJSApiException ex) when (ex.Error.Code == 404)
        {
            return null;
        }
    }
}
