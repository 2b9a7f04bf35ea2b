using System.Net.ServerSentEvents;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Orleans.LiveSim.Abstractions.Ports;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Silo.Contracts;
using Orleans.LiveSim.Silo.Delivery;
using Orleans.LiveSim.Silo.Hosting;

namespace Orleans.LiveSim.Silo.Apis;

/// <summary>Sessions: create, read, stop, and follow live over SSE or WebSocket.</summary>
public static class SessionsApi
{
    public static RouteGroupBuilder MapSessionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/live-sim/sessions").WithTags("Sessions");
        group.MapPost("/", CreateAsync).WithName("CreateSession")
            .ReadsBody<CreateSessionRequest>("application/json", required: false)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .OptionallySecuredBy(ApiReference.ApiKey, ApiReference.ApiKeyAuthorization);
        group.MapGet("/", ListAsync).WithName("ListSessions").RequireOperatorKey();
        group.MapGet("/{id}", GetAsync).WithName("GetSession").ForOneSession(ApiReference.SessionToken);
        group.MapPost("/{id}/stop", StopAsync).WithName("StopSession").ForOneSession(ApiReference.SessionToken);
        group.MapGet("/{id}/stream", StreamAsync).WithName("StreamSession")
            .WithSummary("Follows a session over Server-Sent Events.")
            .WithDescription(EventsDescription + " Each SSE item's `event` is the type and `id` the eventSeq; send `Last-Event-ID` (or `?lastEventId=`) to resume after it. Keep-alives every 15 s.")
            .Produces<string>(StatusCodes.Status200OK, "text/event-stream")
            .ForOneSession(ApiReference.SessionToken, ApiReference.AccessTokenQuery);
        group.MapGet("/{id}/ws", WebSocketAsync).WithName("SessionWebSocket")
            .WithSummary("Follows a session over a WebSocket.")
            .WithDescription(EventsDescription + " Connect with a WebSocket upgrade; each event is one JSON text frame; `?lastEventId=` resumes after it. A plain GET is 400.")
            .Produces(StatusCodes.Status101SwitchingProtocols)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ForOneSession(ApiReference.SessionToken, ApiReference.AccessTokenQuery);
        return group;
    }

    private const string EventsDescription =
        "A snapshot (the session's view) at once, then its events as they happen: live_tick, game_started, game_ended, bet_placed, bet_settled, bet_skipped, feed_gap, session_stopped, plus resync (a fresh snapshot after the client lagged) and keepalive. Every event is `{type, schemaVersion, sessionId, eventSeq, feedSeq, body}`; its JSON Schema is at GET /live-sim/schema/v1/{type}.json.";

    /// <summary>Documents an endpoint of one session: its token, and the 401 and 404 it may answer.</summary>
    private static RouteHandlerBuilder ForOneSession(this RouteHandlerBuilder builder, params string[] schemes) =>
        builder.SecuredBy(schemes).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>Creates and starts a session: 201 with its view and access token, 400 naming each invalid field, 409 for a replay range the journal does not hold.</summary>
    public static async Task<Results<Created<SessionCreated>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateSessionRequest request,
        [AsParameters] SessionServices services,
        CancellationToken cancellationToken)
    {
        var check = await services.Validator.CheckAsync(request, cancellationToken);
        if (check.Status == StatusCodes.Status409Conflict)
        {
            return TypedResults.Problem(new HttpValidationProblemDetails(check.Errors)
            {
                Status = check.Status,
                Title = "The replay range is not in the journal.",
                Extensions = { ["availableFromSeq"] = check.Available?.FromSeq, ["availableToSeq"] = check.Available?.ToSeq },
            });
        }

        if (check.Errors.Count > 0)
        {
            return TypedResults.ValidationProblem(check.Errors, title: "The session request is invalid.");
        }

        var id = Guid.NewGuid().ToString("N");
        var token = AccessTokens.New();
        var reply = await services.Grains.GetGrain<ISessionGrain>(id)
            .CreateAsync(new CreateSessionCommand(check.Config!, check.Source!, AccessTokens.Hash(token), services.Time.GetUtcNow(), BusEvents: check.BusEvents));
        return reply.Access == SessionAccess.Ok
            ? TypedResults.Created($"/live-sim/sessions/{id}", new SessionCreated(reply.View!, token))
            : TypedResults.Problem($"Session '{id}' already exists.", statusCode: StatusCodes.Status409Conflict);
    }

    /// <summary>Operator surface: the running sessions in id order, a page at a time (<c>?after=&lt;last id&gt;&amp;limit=</c>).</summary>
    public static async Task<Results<Ok<SessionPage>, ValidationProblem>> ListAsync(ISessionIndex index, string? after, int? limit)
    {
        var size = limit ?? 100;
        if (size is < 1 or > 1000)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["must be between 1 and 1000."] }, title: "Invalid limit.");
        }

        var sessions = await index.ListRunningAsync(after, size);
        var items = sessions.Select(s => new SessionListItem(s.SessionId, s.FeedId, s.Mode)).ToArray();
        return TypedResults.Ok(new SessionPage(items, items.Length == size ? items[^1].Id : null));
    }

    public static async Task<Results<Ok<SessionView>, ProblemHttpResult>> GetAsync(string id, HttpRequest request, IGrainFactory grains, CallerResolver callers) =>
        ToResult(id, await grains.GetGrain<ISessionGrain>(id).GetAsync(await callers.ResolveAsync(request)));

    public static async Task<Results<Ok<SessionView>, ProblemHttpResult>> StopAsync(string id, HttpRequest request, IGrainFactory grains, CallerResolver callers) =>
        ToResult(id, await grains.GetGrain<ISessionGrain>(id).StopAsync(await callers.ResolveAsync(request)));

    public static async Task<IResult> StreamAsync(
        string id,
        HttpRequest request,
        SessionRooms rooms,
        SessionEventReader reader,
        CallerResolver callers,
        [FromHeader(Name = "Last-Event-ID")] string? lastEventId,
        CancellationToken cancellationToken)
    {
        var after = long.TryParse(lastEventId ?? request.Query["lastEventId"], out var seq) ? seq : -1;
        var (reply, room, client) = await rooms.JoinAsync(id, await callers.ResolveAsync(request, allowQueryToken: true), after);
        if (room is null)
        {
            return Problem(id, reply.Access);
        }

        var items = reader.ReadAsync(room, client!, reply, after, cancellationToken)
            .Select(i => new SseItem<string>(i.Data, i.Type) { EventId = i.Id?.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return TypedResults.ServerSentEvents(items);
    }

    public static async Task<IResult> WebSocketAsync(string id, HttpContext context, SessionRooms rooms, SessionEventReader reader, CallerResolver callers)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return TypedResults.Problem("Connect with a WebSocket upgrade request.", statusCode: StatusCodes.Status400BadRequest);
        }

        var after = long.TryParse(context.Request.Query["lastEventId"], out var seq) ? seq : -1;
        var (reply, room, client) = await rooms.JoinAsync(id, await callers.ResolveAsync(context.Request, allowQueryToken: true), after);
        if (room is null)
        {
            return Problem(id, reply.Access);
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        await SessionWebSocket.PumpAsync(socket, reader.ReadAsync(room, client!, reply, after, context.RequestAborted), context.RequestAborted);
        return TypedResults.Empty;
    }

    private static Results<Ok<SessionView>, ProblemHttpResult> ToResult(string id, SessionReply reply) =>
        reply.Access == SessionAccess.Ok ? TypedResults.Ok(reply.View!) : Problem(id, reply.Access);

    private static ProblemHttpResult Problem(string id, SessionAccess access) => access switch
    {
        SessionAccess.NotFound => TypedResults.Problem($"No session '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Session not found."),
        SessionAccess.Unauthorized => TypedResults.Problem("Send the session's access token as 'Authorization: Bearer <token>' (on the stream and WebSocket endpoints also ?access_token=, for EventSource).", statusCode: StatusCodes.Status401Unauthorized, title: "Missing or wrong access token."),
        SessionAccess.Forbidden => TypedResults.Problem($"This token may read session '{id}' but not change it.", statusCode: StatusCodes.Status403Forbidden, title: "Read-only access."),
        _ => TypedResults.Problem($"Session '{id}' does not allow this now.", statusCode: StatusCodes.Status409Conflict),
    };
}

/// <summary>What the create endpoint needs besides the request (eShop's OrderServices): bound with <c>[AsParameters]</c>.</summary>
public sealed record SessionServices(IGrainFactory Grains, CreateSessionValidator Validator, TimeProvider Time);

/// <summary>A running session in the operator listing.</summary>
public sealed record SessionListItem(string Id, string FeedId, SessionMode Mode);

/// <summary>A page of the operator listing; <see cref="Next"/> is the <c>after</c> of the next page, null on the last.</summary>
public sealed record SessionPage(IReadOnlyList<SessionListItem> Sessions, string? Next);
