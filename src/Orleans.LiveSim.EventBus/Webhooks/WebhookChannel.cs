using System.Globalization;
using System.Net.Http.Headers;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Orleans.LiveSim.Abstractions.Delivery;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Abstractions.Storage;
using Orleans.LiveSim.Grains.Delivery;

namespace Orleans.LiveSim.EventBus.Webhooks;

/// <summary>
/// One webhook of one session: a bounded queue delivered by one loop, so events arrive in eventSeq order; each is
/// retried with exponential backoff (capped) until it succeeds (2xx) or its attempts run out, then the next one goes.
/// </summary>
internal sealed partial class WebhookChannel : IWebhookChannel
{
    private readonly string _sessionId;
    private readonly StoredWebhook _webhook;
    private readonly WebhookOptions _options;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly WebhookMetrics _metrics;
    private readonly ILogger _logger;
    private readonly Channel<SessionEventEnvelope> _queue;
    private readonly Queue<Entry> _log = new();
    private readonly CancellationTokenSource _closing = new();
    private readonly string? _secret;
    private readonly string? _secretProblem;

    public WebhookChannel(string sessionId, StoredWebhook webhook, WebhookSecrets secrets, WebhookOptions options, HttpClient http, TimeProvider time, WebhookMetrics metrics, ILogger logger)
    {
        _sessionId = sessionId;
        _webhook = webhook;
        try
        {
            _secret = secrets.Open(webhook.SealedSecret);
        }
        catch (WebhookSecretException ex)
        {
            _secretProblem = ex.Message;
        }

        _options = options;
        _http = http;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        _queue = Channel.CreateBounded<SessionEventEnvelope>(new BoundedChannelOptions(options.QueueCapacity) { SingleReader = true, SingleWriter = true });
        _ = Task.Run(() => RunAsync(_closing.Token));
    }

    public void Offer(SessionEventEnvelope e)
    {
        if (!_queue.Writer.TryWrite(e))
        {
            Log(e).Complete("dropped", _time.GetUtcNow());
            _metrics.Dropped.Add(1);
        }
    }

    public IReadOnlyList<WebhookDelivery> Deliveries()
    {
        lock (_log)
        {
            return _log.Select(e => e.View()).ToArray();
        }
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _closing.Cancel();
        _closing.Dispose();
    }

    private async Task RunAsync(CancellationToken closing)
    {
        try
        {
            await foreach (var e in _queue.Reader.ReadAllAsync(closing))
            {
                await DeliverAsync(e, closing);
            }
        }
        catch (OperationCanceledException) when (closing.IsCancellationRequested)
        {
        }
    }

    private async Task DeliverAsync(SessionEventEnvelope e, CancellationToken closing)
    {
        var entry = Log(e);
        if (_secret is null)
        {
            // Without its secret no attempt could be signed: give up at once rather than retry what cannot change.
            entry.Attempted(0, null, _secretProblem);
            entry.Complete("failed", _time.GetUtcNow());
            _metrics.Failed.Add(1);
            LogGivenUp(_logger, _sessionId, _webhook.Id, e.EventSeq, 0, _secretProblem!);
            return;
        }

        var body = e.Utf8;
        var signature = WebhookSignature.Sign(_secret, body);
        for (var attempt = 1; ; attempt++)
        {
            var (status, error) = await PostAsync(e, body, signature, attempt, closing);
            entry.Attempted(attempt, status, error);
            if (error is null)
            {
                entry.Complete("delivered", _time.GetUtcNow());
                _metrics.Delivered.Add(1);
                return;
            }

            if (attempt >= _options.MaxAttempts)
            {
                entry.Complete("failed", _time.GetUtcNow());
                _metrics.Failed.Add(1);
                LogGivenUp(_logger, _sessionId, _webhook.Id, e.EventSeq, attempt, error);
                return;
            }

            var delay = Backoff(attempt);
            entry.Retrying(_time.GetUtcNow() + delay);
            _metrics.Retries.Add(1);
            await Task.Delay(delay, _time, closing);
        }
    }

    /// <summary>The wait after failed attempt <paramref name="attempt"/>: the initial backoff doubled each time, capped.</summary>
    private TimeSpan Backoff(int attempt)
    {
        var ticks = _options.InitialBackoff.Ticks * Math.Pow(2, Math.Min(attempt - 1, 30));
        return ticks >= _options.MaxBackoff.Ticks ? _options.MaxBackoff : TimeSpan.FromTicks((long)ticks);
    }

    private async Task<(int? Status, string? Error)> PostAsync(SessionEventEnvelope e, byte[] body, string signature, int attempt, CancellationToken closing)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _webhook.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.SignatureHeader, signature);
        request.Headers.Add(WebhookSignature.EventIdHeader, BusSubjects.MessageId(_sessionId, e.EventSeq));
        request.Headers.Add(WebhookSignature.EventTypeHeader, e.Type);
        request.Headers.Add(WebhookSignature.WebhookIdHeader, _webhook.Id);
        request.Headers.Add(WebhookSignature.AttemptHeader, attempt.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.TimestampHeader, _time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(closing);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            // Redirects are not followed: a 3xx is a failure like any other non-2xx answer.
            return response.IsSuccessStatusCode ? (status, null) : (status, $"HTTP {status}");
        }
        catch (OperationCanceledException) when (!closing.IsCancellationRequested)
        {
            return (null, $"no answer within {_options.Timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException ex)
        {
            return (null, ex.InnerException is WebhookTargetRefusedException refused ? refused.Message : ex.Message);
        }
    }

    private Entry Log(SessionEventEnvelope e)
    {
        var entry = new Entry(e.EventSeq, e.Type);
        lock (_log)
        {
            _log.Enqueue(entry);
            while (_log.Count > _options.LogSize)
            {
                _log.Dequeue();
            }
        }

        return entry;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {WebhookId} of session {SessionId}: gave up on event {EventSeq} after {Attempts} attempts ({Error})")]
    private static partial void LogGivenUp(ILogger logger, string sessionId, string webhookId, long eventSeq, int attempts, string error);

    /// <summary>A delivery as it goes; read under the log's lock, written by the one loop.</summary>
    private sealed class Entry(long eventSeq, string type)
    {
        private volatile WebhookDelivery _view = new(eventSeq, type, "pending", 0, null, null, null, null);

        public WebhookDelivery View() => _view;

        public void Attempted(int attempts, int? status, string? error) => _view = _view with { Attempts = attempts, LastStatus = status, LastError = error };

        public void Retrying(DateTimeOffset next) => _view = _view with { State = "retrying", NextRetryAt = next };

        public void Complete(string state, DateTimeOffset at) => _view = _view with { State = state, NextRetryAt = null, CompletedAt = at };
    }
}
