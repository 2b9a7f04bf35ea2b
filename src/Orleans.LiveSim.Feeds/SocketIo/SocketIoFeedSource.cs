using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.LiveSim.Abstractions.Feeds;
using Orleans.LiveSim.Engine.Ticks;
using Orleans.LiveSim.Feeds.Provider;
using Orleans.LiveSim.Feeds.Recording;
using Orleans.LiveSim.Feeds.Sources;
using SocketIOClient;
using SocketIOClient.Transport;

namespace Orleans.LiveSim.Feeds.SocketIo;

/// <summary>
/// The provider's live feed over Socket.IO v4. Receives every event into a bounded buffer (optionally recording
/// it) and announces it (<see cref="OnAvailable"/>); <see cref="Drain"/> runs the buffered messages through the
/// normalizer and integrity checker.
/// The client's own reconnection is off (its delay is a fixed interval and it never reconnects after a
/// server-side disconnect); this source reconnects itself with exponential backoff and drops connections
/// that stay silent.
/// </summary>
public sealed partial class SocketIoFeedSource : IFeedSource
{
    private readonly SocketIoFeedOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RecordingWriter? _recorder;
    private readonly ProviderFeedProcessor _processor;
    private readonly ConcurrentQueue<(string Event, string Payload, DateTimeOffset At)> _buffer = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _clockLock = new();
    private Task _loop = Task.CompletedTask;
    private Action? _available;
    private int _buffered;
    private long _dropped;
    private long _reconnects;
    private long _connectAttempts;
    private long _nextAttemptTicks;
    private long _lastMessageTicks;
    private DateTimeOffset _lastReceivedAt;
    private volatile FeedConnectionState _connection = FeedConnectionState.Disconnected;

    /// <summary>Creates the source; nothing connects before <see cref="StartAsync"/>.</summary>
    /// <param name="feedId">Feed id stamped on every entry.</param>
    /// <param name="options">Where and how to connect.</param>
    /// <param name="timeProvider">Clock for receive times, backoff and silence detection. Default system clock.</param>
    /// <param name="logger">Logger. Default none.</param>
    /// <param name="recorder">When set, every received message is appended to it in the capture format.</param>
    public SocketIoFeedSource(string feedId, SocketIoFeedOptions options, TimeProvider? timeProvider = null, ILogger<SocketIoFeedSource>? logger = null, RecordingWriter? recorder = null)
    {
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _recorder = recorder;
        _processor = new ProviderFeedProcessor(feedId, options.Normalizer, options.Integrity);
    }

    public ProviderKind Provider => ProviderKind.SocketIo;

    public FeedConnectionState State
    {
        get
        {
            var connection = _connection;
            if (connection != FeedConnectionState.Connected)
            {
                return connection;
            }

            lock (_processor)
            {
                return _processor.Checker.Evaluate(_time.GetUtcNow());
            }
        }
    }

    public FeedCounters Counters
    {
        get
        {
            lock (_processor)
            {
                return _processor.Counters with { Reconnects = Interlocked.Read(ref _reconnects), Dropped = Interlocked.Read(ref _dropped) };
            }
        }
    }

    public bool Completed => false;

    /// <summary>Connection attempts made so far, successful or not.</summary>
    public long ConnectAttempts => Interlocked.Read(ref _connectAttempts);

    /// <summary>When the next connection attempt is due (on the source's clock) while it waits out a backoff; null otherwise.</summary>
    public DateTimeOffset? NextAttemptAt => Interlocked.Read(ref _nextAttemptTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>Malformed messages kept for inspection.</summary>
    public IReadOnlyList<QuarantinedMessage> Quarantine
    {
        get
        {
            lock (_processor)
            {
                return _processor.Normalizer.Quarantine;
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = Task.Run(() => RunAsync(_stop.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public void OnAvailable(Action available) => _available = available;

    public void Drain(DateTimeOffset now, List<FeedTick> into)
    {
        lock (_processor)
        {
            while (_buffer.TryDequeue(out var message))
            {
                Interlocked.Decrement(ref _buffered);
                _processor.Process(message.Event, message.Payload, message.At, into);
            }

            _processor.Checker.Evaluate(now);
        }

        // The recording of a live feed is on disk within one drain, not whenever a file buffer fills.
        _recorder?.Flush();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
        _connection = FeedConnectionState.Disconnected;
    }

    private async Task RunAsync(CancellationToken stop)
    {
        var backoff = new ReconnectBackoff(_options.InitialBackoff, _options.MaxBackoff);
        var everConnected = false;
        while (!stop.IsCancellationRequested)
        {
            using var client = CreateClient(out var connected, out var disconnected);
            Interlocked.Increment(ref _connectAttempts);
            try
            {
                await client.ConnectAsync().WaitAsync(_options.ConnectTimeout, _time, stop).ConfigureAwait(false);

                // ConnectAsync can return before the server acknowledged the namespace.
                await connected.Task.WaitAsync(_options.ConnectTimeout, _time, stop).ConfigureAwait(false);
                if (everConnected)
                {
                    Interlocked.Increment(ref _reconnects);
                }

                everConnected = true;
                backoff.Reset();
                Interlocked.Exchange(ref _lastMessageTicks, _time.GetUtcNow().UtcTicks);
                _connection = FeedConnectionState.Connected;
                LogConnected(_logger, _processor.FeedId, _options.Url);
                var reason = await WatchAsync(disconnected.Task, stop).ConfigureAwait(false);
                LogDisconnected(_logger, _processor.FeedId, reason);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogConnectFailed(_logger, _processor.FeedId, _options.Url, ex.Message);
            }
            finally
            {
                await CloseAsync(client).ConfigureAwait(false);
            }

            // Reconnecting after a healthy period is "degraded"; failing at the backoff cap (or never connecting) is "disconnected".
            _connection = everConnected && !backoff.AtCap ? FeedConnectionState.Degraded : FeedConnectionState.Disconnected;
            try
            {
                // The wait is on the clock before it is announced, so whoever reads NextAttemptAt can rely on it.
                var wait = backoff.Next();
                var delay = Task.Delay(wait, _time, stop);
                Interlocked.Exchange(ref _nextAttemptTicks, (_time.GetUtcNow() + wait).UtcTicks);
                await delay.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            finally
            {
                Interlocked.Exchange(ref _nextAttemptTicks, 0);
            }
        }

        _connection = FeedConnectionState.Disconnected;
    }

    private async Task<string> WatchAsync(Task<string> disconnected, CancellationToken stop)
    {
        while (true)
        {
            var silent = _time.GetUtcNow() - new DateTimeOffset(Interlocked.Read(ref _lastMessageTicks), TimeSpan.Zero);
            var left = _options.SilenceTimeout - silent;
            if (left <= TimeSpan.Zero)
            {
                return $"silent for {silent.TotalSeconds:F1} s";
            }

            var delay = Task.Delay(left, _time, stop);
            if (await Task.WhenAny(disconnected, delay).ConfigureAwait(false) == disconnected)
            {
                return await disconnected.ConfigureAwait(false);
            }

            await delay.ConfigureAwait(false);
        }
    }

    private SocketIOClient.SocketIO CreateClient(out TaskCompletionSource connected, out TaskCompletionSource<string> disconnected)
    {
        var client = new SocketIOClient.SocketIO(_options.Url, new SocketIOOptions
        {
            EIO = 4,
            Transport = TransportProtocol.WebSocket,
            Path = _options.Path,
            Reconnection = false,
            ConnectionTimeout = _options.ConnectTimeout,
            ExtraHeaders = new Dictionary<string, string>(_options.ExtraHeaders),
        });
        var connectedSource = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var disconnectedSource = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.OnConnected += (_, _) => connectedSource.TrySetResult();
        client.OnDisconnected += (_, reason) => disconnectedSource.TrySetResult(reason ?? "disconnected");
        client.OnError += (_, error) => disconnectedSource.TrySetResult("error: " + error);
        client.OnAny(OnMessage);
        connected = connectedSource;
        disconnected = disconnectedSource;
        return client;
    }

    private void OnMessage(string eventName, SocketIOResponse response)
    {
        // Exceptions thrown here would be swallowed by the client: nothing in this path may throw unseen.
        try
        {
            var payload = JoinArguments(response);
            DateTimeOffset at;
            lock (_clockLock)
            {
                // Receive times never go backwards, even if the wall clock does, and keep whole microseconds:
                // what the capture format and PostgreSQL's timestamptz hold, so journal and recording round-trip exactly.
                var now = _time.GetUtcNow();
                at = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % 10), TimeSpan.Zero);
                if (at < _lastReceivedAt)
                {
                    at = _lastReceivedAt;
                }

                _lastReceivedAt = at;
            }

            Interlocked.Exchange(ref _lastMessageTicks, at.UtcTicks);
            _recorder?.Write(at, eventName, payload);
            if (Interlocked.Increment(ref _buffered) > _options.MaxBufferedMessages)
            {
                Interlocked.Decrement(ref _buffered);
                Interlocked.Increment(ref _dropped);
                return;
            }

            _buffer.Enqueue((eventName, payload, at));
            _available?.Invoke();
        }
        catch (Exception ex)
        {
            LogHandlerFailed(_logger, _processor.FeedId, eventName, ex);
        }
    }

    private static string JoinArguments(SocketIOResponse response)
    {
        if (response.Count == 1)
        {
            return response.GetValue(0).GetRawText();
        }

        // Several arguments (a trace object, then the payload) are kept as the list the capture format stores.
        var builder = new StringBuilder("[");
        for (var i = 0; i < response.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            builder.Append(response.GetValue(i).GetRawText());
        }

        return builder.Append(']').ToString();
    }

    private static async Task CloseAsync(SocketIOClient.SocketIO client)
    {
        try
        {
            if (client.Connected)
            {
                await client.DisconnectAsync().WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            }
        }
        catch (Exception)
        {
            // Closing a broken connection may fail; the client is disposed either way.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed {FeedId} connected to {Url}")]
    private static partial void LogConnected(ILogger logger, string feedId, Uri url);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed {FeedId} disconnected: {Reason}")]
    private static partial void LogDisconnected(ILogger logger, string feedId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed {FeedId} could not connect to {Url}: {Error}")]
    private static partial void LogConnectFailed(ILogger logger, string feedId, Uri url, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Feed {FeedId}: handling event {EventName} failed")]
    private static partial void LogHandlerFailed(ILogger logger, string feedId, string eventName, Exception exception);
}
