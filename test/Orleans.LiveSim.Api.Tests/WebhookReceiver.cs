using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Orleans.LiveSim.Api.Tests;

/// <summary>
/// A webhook receiver on loopback: records every request (path, headers, raw body) and answers the first attempts of
/// the first event with the scripted statuses (a redirect, a server error), everything else with 200.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Queue<int> _firstEventScript;
    private string? _firstEventId;

    private WebhookReceiver(WebApplication app, IEnumerable<int> firstEventScript)
    {
        _app = app;
        _firstEventScript = new Queue<int>(firstEventScript);
    }

    public ConcurrentQueue<Received> Requests { get; } = new();

    public string Url { get; private set; } = "";

    public static async Task<WebhookReceiver> StartAsync(params int[] firstEventScript)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var port = FreePort.Next();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, firstEventScript) { Url = $"http://127.0.0.1:{port}/hook" };
        app.MapPost("/hook", (Delegate)receiver.HandleAsync);
        app.MapPost("/elsewhere", (HttpContext c) => receiver.Requests.Enqueue(new Received("/elsewhere", "", "", "", [])));
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var headers = context.Request.Headers;
        var eventId = headers["X-LiveSim-Event-Id"].ToString();
        Requests.Enqueue(new Received("/hook", eventId, headers["X-LiveSim-Signature"].ToString(), headers["X-LiveSim-Delivery-Attempt"].ToString(), body.ToArray()));
        lock (_firstEventScript)
        {
            _firstEventId ??= eventId;
            if (eventId == _firstEventId && _firstEventScript.TryDequeue(out var status))
            {
                return status == 302 ? Results.Redirect("/elsewhere") : Results.StatusCode(status);
            }
        }

        return Results.Ok();
    }

    public sealed record Received(string Path, string EventId, string Signature, string Attempt, byte[] Body);
}
