using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.LiveSim.Abstractions.Delivery;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.EventBus.Webhooks;
using Orleans.LiveSim.Grains.Delivery;
using Orleans.LiveSim.Silo.Contracts;
using Orleans.LiveSim.Silo.Hosting;

namespace Orleans.LiveSim.Silo.Apis;

/// <summary>
/// A session's delivery to other services: which event types it publishes on the event bus (<c>PUT .../bus</c>), and
/// its signed webhooks (register, list, delete, delivery log). Each needs control of the session (its access token,
/// its owner account or the operator key): a read-only token gets 403.
/// </summary>
public static class DeliveryApi
{
    public static RouteGroupBuilder MapDeliveryApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/live-sim/sessions/{id}").WithTags("Delivery");
        group.MapPut("/bus", SetBusAsync).WithName("SetSessionBus")
            .WithSummary("Chooses the event types the session publishes on the event bus (NATS JetStream).")
            .WithDescription("Each event of those types becomes one message on `livesim.{accountId}.{sessionId}.{type}` with `Nats-Msg-Id` `{sessionId}:{eventSeq}`, its payload the same envelope as on SSE. Turned on, the bus carries the session's events from its next one; `[]` turns it off (204). 400 when the deployment has no bus.")
            .ReadsBody<BusRequest>("application/json", required: true)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ForControl();
        group.MapPost("/webhooks", AddWebhookAsync).WithName("AddWebhook")
            .WithSummary("Registers a webhook: each event of the chosen types is POSTed to the URL, signed, in eventSeq order.")
            .WithDescription("Headers: `X-LiveSim-Signature: sha256=<hex HMAC-SHA256 of the body with the secret>`, `X-LiveSim-Event-Id` (`{sessionId}:{eventSeq}`), `X-LiveSim-Event-Type`, `X-LiveSim-Timestamp`, `X-LiveSim-Delivery-Attempt`. Non-2xx answers are retried with doubling backoff, then given up; redirects are not followed. URLs resolving to loopback, private or link-local addresses are refused unless allowed by the operator. The secret is never returned.")
            .ReadsBody<WebhookRequest>("application/json", required: true)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ForControl();
        group.MapGet("/webhooks", ListWebhooksAsync).WithName("ListWebhooks").ForControl();
        group.MapDelete("/webhooks/{webhookId}", RemoveWebhookAsync).WithName("RemoveWebhook").ForControl();
        group.MapGet("/webhooks/{webhookId}/deliveries", DeliveriesAsync).WithName("WebhookDeliveries")
            .WithSummary("The webhook's recent deliveries on the silo the session runs on: attempts, last status, next retry, state.")
            .ForControl();
        return group;
    }

    /// <summary>Sets the bus's event types: 200 with the bus view, 204 when turned off.</summary>
    public static async Task<Results<Ok<BusView>, NoContent, ValidationProblem, ProblemHttpResult>> SetBusAsync(
        string id, BusRequest body, HttpRequest request, IGrainFactory grains, CallerResolver callers, IEventBus bus)
    {
        var errors = new Dictionary<string, string[]>();
        var events = DeliveryRequestRules.Events(body.Events, "events", allowEmpty: true, bus.Enabled, errors);
        if (events is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The bus request is invalid.");
        }

        var reply = await Session(grains, id).SetBusAsync(await callers.ResolveAsync(request), events);
        if (reply.Access != SessionAccess.Ok)
        {
            return Problem(id, reply);
        }

        return reply.Bus is { } view ? TypedResults.Ok(view) : TypedResults.NoContent();
    }

    /// <summary>Registers a webhook: 201 with it (never its secret).</summary>
    public static async Task<Results<Created<WebhookView>, ValidationProblem, ProblemHttpResult>> AddWebhookAsync(
        string id, WebhookRequest body, HttpRequest request, IGrainFactory grains, CallerResolver callers, WebhookUrlGuard guard, WebhookSecrets secrets)
    {
        var errors = new Dictionary<string, string[]>();
        var events = DeliveryRequestRules.Events(body.Events, "events", allowEmpty: false, busEnabled: null, errors);
        var secret = DeliveryRequestRules.Secret(body.Secret, errors);
        if (body.Url is not { Length: > 0 } url)
        {
            errors["url"] = ["is required: an absolute http or https URL."];
        }
        else if ((url.Length > DeliveryRequestRules.MaxUrlLength ? $"must be at most {DeliveryRequestRules.MaxUrlLength} characters." : await guard.CheckAsync(url, request.HttpContext.RequestAborted)) is { } problem)
        {
            errors["url"] = [problem];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The webhook request is invalid.");
        }

        // Sealed here, so the plain secret never travels to the session or its storage (WebhookSecrets).
        var reply = await Session(grains, id).AddWebhookAsync(await callers.ResolveAsync(request), new NewWebhook(body.Url!, events!, secrets.Seal(secret!)));
        if (reply.Access != SessionAccess.Ok)
        {
            return Problem(id, reply);
        }

        var webhook = reply.Webhooks![0];
        return TypedResults.Created($"/live-sim/sessions/{id}/webhooks/{webhook.Id}", webhook);
    }

    public static async Task<Results<Ok<IReadOnlyList<WebhookView>>, ProblemHttpResult>> ListWebhooksAsync(string id, HttpRequest request, IGrainFactory grains, CallerResolver callers)
    {
        var reply = await Session(grains, id).ListWebhooksAsync(await callers.ResolveAsync(request));
        return reply.Access == SessionAccess.Ok ? TypedResults.Ok(reply.Webhooks!) : Problem(id, reply);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveWebhookAsync(string id, string webhookId, HttpRequest request, IGrainFactory grains, CallerResolver callers)
    {
        var reply = await Session(grains, id).RemoveWebhookAsync(await callers.ResolveAsync(request), webhookId);
        return reply.Access == SessionAccess.Ok ? TypedResults.NoContent() : Problem(id, reply, webhookId);
    }

    public static async Task<Results<Ok<IReadOnlyList<WebhookDelivery>>, ProblemHttpResult>> DeliveriesAsync(string id, string webhookId, HttpRequest request, IGrainFactory grains, CallerResolver callers)
    {
        var reply = await Session(grains, id).GetWebhookDeliveriesAsync(await callers.ResolveAsync(request), webhookId);
        return reply.Access == SessionAccess.Ok ? TypedResults.Ok(reply.Deliveries!) : Problem(id, reply, webhookId);
    }

    /// <summary>Documents an endpoint that needs control of the session: its token, and the 401, 403 and 404 it may answer.</summary>
    private static RouteHandlerBuilder ForControl(this RouteHandlerBuilder builder) =>
        builder.SecuredBy(ApiReference.SessionToken)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static ISessionGrain Session(IGrainFactory grains, string id) => grains.GetGrain<ISessionGrain>(id);

    private static ProblemHttpResult Problem(string id, DeliveryReply reply, string? webhookId = null) => reply.Access switch
    {
        SessionAccess.NotFound when webhookId is not null => TypedResults.Problem($"Session '{id}' has no webhook '{webhookId}' (or there is no session '{id}').", statusCode: StatusCodes.Status404NotFound, title: "Not found."),
        SessionAccess.NotFound => TypedResults.Problem($"No session '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Session not found."),
        SessionAccess.Unauthorized => TypedResults.Problem("Send the session's access token as 'Authorization: Bearer <token>'.", statusCode: StatusCodes.Status401Unauthorized, title: "Missing or wrong access token."),
        SessionAccess.Forbidden => TypedResults.Problem($"This token may read session '{id}' but not change its delivery.", statusCode: StatusCodes.Status403Forbidden, title: "Read-only access."),
        _ => TypedResults.Problem(reply.Problem ?? $"Session '{id}' does not allow this now.", statusCode: StatusCodes.Status409Conflict),
    };
}
