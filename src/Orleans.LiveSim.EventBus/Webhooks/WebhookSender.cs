using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.LiveSim.Abstractions.Storage;
using Orleans.LiveSim.Grains.Delivery;

namespace Orleans.LiveSim.EventBus.Webhooks;

/// <summary>
/// The per-silo webhook sender: one HTTP client whose every connection goes through <see cref="WebhookUrlGuard"/>
/// (resolve, check, connect to the checked address) and which never follows redirects.
/// </summary>
public sealed class WebhookSender : IWebhooks, IDisposable
{
    private readonly WebhookOptions _options;
    private readonly TimeProvider _time;
    private readonly WebhookMetrics _metrics;
    private readonly ILogger<WebhookSender> _logger;
    private readonly HttpClient _http;
    private readonly WebhookSecrets _secrets;

    public WebhookSender(IOptions<WebhookOptions> options, WebhookUrlGuard guard, WebhookSecrets secrets, TimeProvider time, WebhookMetrics metrics, ILogger<WebhookSender> logger)
    {
        _options = options.Value;
        _secrets = secrets;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectCallback = async (context, cancellationToken) =>
            {
                var addresses = await guard.ResolveAsync(context.DnsEndPoint.Host, cancellationToken);
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public IWebhookChannel Open(string sessionId, StoredWebhook webhook) =>
        new WebhookChannel(sessionId, webhook, _secrets, _options, _http, _time, _metrics, _logger);

    public void Dispose() => _http.Dispose();
}
