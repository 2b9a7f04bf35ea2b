using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Grains.Delivery;

namespace Orleans.LiveSim.EventBus.Nats;

/// <summary>
/// The per-silo JetStream publisher. Sessions offer events into one bounded queue (a full queue refuses: the
/// session keeps them and offers again); one loop sends them in order with <c>Nats-Msg-Id = {sessionId}:{eventSeq}</c>,
/// keeps up to <see cref="EventBusOptions.PublishWindow"/> acknowledgements outstanding but at most one per session
/// (<see cref="OnePerSession"/>: the order of a session's events in the stream never depends on a retry), and processes
/// them in send order: an acknowledged event moves its session's cursor, a failed one rewinds it (the session offers
/// again from the last acknowledged event, and what the loop still holds of the session's older epoch is dropped).
/// </summary>
public sealed partial class NatsEventBus : IEventBus, IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    // While publishing keeps failing, the warning is repeated this often (with the latest reason), so a spell that does not
    // end is never silent.
    private static readonly TimeSpan WarnAgainAfter = TimeSpan.FromMinutes(1);

    private readonly EventBusOptions _options;
    private readonly NatsConnection _connection;
    private readonly NatsJSContext _js;
    private readonly Channel<BusMessage> _queue;
    private readonly ConcurrentDictionary<BusCursor, byte> _cursors = new(ReferenceEqualityComparer.Instance);
    private readonly BusMetrics _metrics;
    private readonly ILogger<NatsEventBus> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;
    private int _inFlight;
    private bool _streamReady;

    // When the publishing loop last warned of failures (Environment.TickCount64); null while publishing works.
    private long? _warnedAt;

    // After a failure the stream is not set up again before this (Environment.TickCount64).
    private long _retryAt;

    public NatsEventBus(IOptions<EventBusOptions> options, IMeterFactory meters, ILogger<NatsEventBus> logger)
    {
        _options = options.Value;
        _logger = logger;
        _connection = new NatsConnection(NatsOpts.Default with
        {
            Url = _options.Nats.Url!,
            Name = "orleans-livesim",
            RequestTimeout = _options.Nats.AckTimeout,
            // Without these a publish made while the connection is down waits for the reconnect, however long: the
            // loop would stall behind it instead of failing it and letting the session offer it again.
            CommandTimeout = _options.Nats.AckTimeout,
            PublishTimeoutOnDisconnected = true,
        });
        _js = new NatsJSContext(_connection);
        _queue = Channel.CreateBounded<BusMessage>(new BoundedChannelOptions(_options.QueueCapacity) { SingleReader = true });
        _metrics = new BusMetrics(meters, () => _queue.Reader.Count + Volatile.Read(ref _inFlight), () => _cursors.Keys.Sum(c => (long)c.Pending));
    }

    public bool Enabled => true;

    /// <summary>Whether the last attempt to reach the stream worked (for readiness and the session view).</summary>
    public bool Healthy => _streamReady;

    public BusCursor Open(string sessionId, string? accountId)
    {
        var cursor = new BusCursor(sessionId, BusSubjects.Prefix(accountId, sessionId));
        _cursors[cursor] = 0;
        return cursor;
    }

    public void Release(BusCursor cursor) => _cursors.TryRemove(cursor, out _);

    public int Offer(BusCursor cursor, int epoch, IReadOnlyList<SessionEventEnvelope> events, int start)
    {
        var taken = 0;
        for (var i = start; i < events.Count; i++)
        {
            if (!_queue.Writer.TryWrite(new BusMessage(cursor, epoch, events[i])))
            {
                // One per offer cut short, not per event left: a session offers the same waiting events again on
                // every tick, so counting them would count one backlog many times over.
                _metrics.Refused.Add(1);
                break;
            }

            taken++;
        }

        return taken;
    }

    public async Task<long?> LastPublishedAsync(BusCursor cursor, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.Nats.AckTimeout);
            var stream = await _js.GetStreamAsync(_options.Nats.Stream, cancellationToken: timeout.Token);
            var last = await stream.GetAsync(new StreamMsgGetRequest { LastBySubj = BusSubjects.OfSession(cursor.SessionId) }, timeout.Token);
            // The payload is the event's envelope: its eventSeq is the session's last one in the stream.
            using var envelope = System.Text.Json.JsonDocument.Parse(last.Message.Data);
            return envelope.RootElement.GetProperty("eventSeq").GetInt64();
        }
        catch (NatsJSApiException ex) when (ex.Error.Code == 404)
        {
            return 0;
        }
        catch (Exception ex) when (ex is NatsException or OperationCanceledException or TimeoutException)
        {
            LogLastPublishedUnknown(_logger, cursor.SessionId, ex.Message);
            return null;
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.Nats.AckTimeout);
            await NatsStreamSetup.EnsureAsync(_js, _options.Nats, timeout.Token);
            _streamReady = true;
            LogStreamReady(_logger, _options.Nats.Stream, _options.Nats.Url!);
        }
        catch (Exception ex) when (ex is NatsException or OperationCanceledException or TimeoutException)
        {
            // The silo starts without its bus: sessions keep their events and the loop retries the stream.
            Failing(ex.Message);
        }

        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_loop is not null)
        {
            await _loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stopping.Dispose();
        await _connection.DisposeAsync();
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        var inFlight = new Queue<(BusMessage Message, Task<PubAckResponse> Ack)>();
        var order = new OnePerSession();
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                // After any failure the stream is set up again, a moment later and once what was in flight has completed
                // (failed or not): that is also how the loop finds out whether NATS is back.
                if (!_streamReady && inFlight.Count == 0)
                {
                    var wait = _retryAt - Environment.TickCount64;
                    if (wait > 0)
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(wait), stopping);
                    }

                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                    timeout.CancelAfter(_options.Nats.AckTimeout);
                    await NatsStreamSetup.EnsureAsync(_js, _options.Nats, timeout.Token);
                    _streamReady = true;
                    LogStreamReady(_logger, _options.Nats.Stream, _options.Nats.Url!);
                }

                while (_streamReady && inFlight.Count < _options.PublishWindow && Next(order, out var message))
                {
                    inFlight.Enqueue((message, PublishAsync(message, stopping)));
                    _metrics.Published.Add(1);
                }

                Volatile.Write(ref _inFlight, inFlight.Count + order.Waiting);
                if (inFlight.Count == 0)
                {
                    await _queue.Reader.WaitToReadAsync(stopping);
                    continue;
                }

                var (sent, ack) = inFlight.Dequeue();
                if (await CompleteAsync(sent, ack) is { } failure)
                {
                    Failing(failure);
                }
                else if (_warnedAt is not null)
                {
                    _warnedAt = null;
                    LogPublishingAgain(_logger, _options.Nats.Url!);
                }

                order.Completed(sent.Cursor);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Whatever went wrong, the loop must live on: the sessions keep their events and offer them again.
                Failing(ex.Message);
            }
        }
    }

    /// <summary>
    /// Something failed (a publish, setting the stream up, connecting at start): the stream is set up again after
    /// <see cref="RetryDelay"/>. Warns once when a spell of failures begins, and again each <see cref="WarnAgainAfter"/>
    /// while it lasts.
    /// </summary>
    private void Failing(string reason)
    {
        var now = Environment.TickCount64;
        _streamReady = false;
        _retryAt = now + (long)RetryDelay.TotalMilliseconds;
        if (_warnedAt is not { } warned || now - warned >= (long)WarnAgainAfter.TotalMilliseconds)
        {
            _warnedAt = now;
            LogBusUnavailable(_logger, _options.Nats.Url!, reason);
        }
    }

    /// <summary>The next event to send: one whose session's previous event completed, else the next admitted from the queue.</summary>
    private bool Next(OnePerSession order, out BusMessage message)
    {
        if (order.TryTakeReady(out message))
        {
            return true;
        }

        while (_queue.Reader.TryRead(out message))
        {
            if (order.Admit(message))
            {
                return true;
            }
        }

        return false;
    }

    // Async so that even a failure before the first await lands in the task: an admitted event is never lost unseen.
    private async Task<PubAckResponse> PublishAsync(BusMessage message, CancellationToken stopping)
    {
        var opts = new NatsJSPubOpts { MsgId = BusSubjects.MessageId(message.Cursor.SessionId, message.Event.EventSeq) };
        return await _js.PublishAsync(message.Cursor.SubjectPrefix + message.Event.Type, message.Event.Utf8, opts: opts, cancellationToken: stopping);
    }

    /// <summary>Awaits a publish's acknowledgement: null when the stream holds the event, else why not (the session then offers again).</summary>
    private async Task<string?> CompleteAsync(BusMessage sent, Task<PubAckResponse> ack)
    {
        try
        {
            // The client's request timeout should end every publish; this bound keeps one that never completes from
            // holding up every session behind it (the event is offered again; a late copy is a repeat JetStream drops).
            var response = await ack.WaitAsync(_options.Nats.AckTimeout * 2);
            try
            {
                response.EnsureSuccess();
            }
            catch (NatsJSDuplicateMessageException)
            {
                // The stream already holds this Nats-Msg-Id: an earlier attempt that failed here (its acknowledgement
                // timed out) reached it after all. That is as good as an acknowledgement. EnsureSuccess throws for it, and
                // taking that as a failure offered the same event again and again until the stream's duplicate window
                // (10 minutes) ran out, the session held at bus_lag all the while (seen in CI after a restart under load).
                _metrics.Duplicates.Add(1);
            }

            _metrics.Acked.Add(1);

            // Only the current epoch moves the cursor: an event of an epoch that failed proves nothing about the ones
            // before it.
            if (sent.Epoch == sent.Cursor.Epoch)
            {
                sent.Cursor.Ack(sent.Event.EventSeq);
            }

            return null;
        }
        catch (Exception ex)
        {
            _metrics.Failed.Add(1);
            sent.Cursor.Rewind(sent.Epoch);
            LogPublishFailed(_logger, sent.Cursor.SessionId, sent.Event.EventSeq, ex.Message);
            return ex.Message;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Event bus: publishing event {EventSeq} of session {SessionId} failed ({Reason}); the session offers it again")]
    private static partial void LogPublishFailed(ILogger logger, string sessionId, long eventSeq, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Event bus: JetStream stream {Stream} ready on {Url}")]
    private static partial void LogStreamReady(ILogger logger, string stream, string url);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event bus: NATS at {Url} unavailable ({Reason}); sessions keep their events and publishing resumes when it is back")]
    private static partial void LogBusUnavailable(ILogger logger, string url, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Event bus: publishing to {Url} again")]
    private static partial void LogPublishingAgain(ILogger logger, string url);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event bus: could not ask the stream where session {SessionId} ends ({Reason})")]
    private static partial void LogLastPublishedUnknown(ILogger logger, string sessionId, string reason);
}
