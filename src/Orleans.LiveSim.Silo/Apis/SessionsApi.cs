using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Orleans.LiveSim.Abstractions.Ports;
using Orleans.LiveSim.Abstractions.Quotas;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Silo.Contracts;
using Orleans.LiveSim.Silo.Delivery;
using Orleans.LiveSim.Silo.Hosting;

namespace Orleans.LiveSim.Silo.Apis;

/// <summary>Sessions: create, list, read, stop, and follow live over SSE or WebSocket.</summary>
public static class SessionsApi
{
    // A session's access token or a viewer token (bearer), its owner's API key, or the operator key.
    private static readonly string[] ReadSchemes = [ApiReference.SessionToken, ApiReference.ApiKey, ApiReference.ApiKeyAuthorization, ApiReference.OperatorKey];

    public static RouteGroupBuilder MapSessionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/live-sim/sessions").WithTags("Sessions");
        group.MapPost("/", CreateAsync).WithName("CreateSession")
            .ReadsBody<CreateSessionRequest>("application/json", required: false)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .OptionallySecuredBy(ApiReference.ApiKey, ApiReference.ApiKeyAuthorization);
        group.MapGet("/", ListAsync).WithName("ListSessions")
            .SecuredBy(ApiReference.ApiKey, ApiReference.ApiKeyAuthorization, ApiReference.OperatorKey)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapGet("/{id}", GetAsync).WithName("GetSession").ForOneSession(ReadSchemes);
        group.MapPost("/{id}/stop", StopAsync).WithName("StopSession").ForOneSession(ReadSchemes).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/{id}/stream", StreamAsync).WithName("StreamSession")
            .WithSummary("Follows a session over Server-Sent Events.")
            .WithDescription(EventsDescription + " Each SSE item's `event` is the type and `id` the eventSeq; send `Last-Event-ID` (or `?lastEventId=`) to resume after it. Keep-alives every 15 s.")
            .Produces<string>(StatusCodes.Status200OK, "text/event-stream")
            .ForOneSession([.. ReadSchemes, ApiReference.AccessTokenQuery]);
        group.MapGet("/{id}/ws", WebSocketAsync).WithName("SessionWebSocket")
            .WithSummary("Follows a session over a WebSocket.")
            .WithDescription(EventsDescription + " Connect with a WebSocket upgrade; each event is one JSON text frame; `?lastEventId=` resumes after it. A plain GET is 400.")
            .Produces(StatusCodes.Status101SwitchingProtocols)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ForOneSession([.. ReadSchemes, ApiReference.AccessTokenQuery]);
        return group;
    }

    private const string EventsDescription =
        "A snapshot (the session's view) at once, then its events as they happen: live_tick, game_started, game_ended, bet_placed, bet_settled, bet_skipped, feed_gap, session_paused, session_resumed, session_stopped, plus resync (a fresh snapshot after the client lagged) and keepalive. Every event is `{type, schemaVersion, sessionId, eventSeq, feedSeq, body}`; its JSON Schema is at GET /live-sim/schema/v1/{type}.json.";

    /// <summary>Documents an endpoint of one session: its token, and the 401 and 404 it may answer.</summary>
    internal static RouteHandlerBuilder ForOneSession(this RouteHandlerBuilder builder, params string[] schemes) =>
        builder.SecuredBy(schemes).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>
    /// Creates and starts a session: 201 with its view and access token, 400 naming each invalid field, 401 without an API
    /// key where anonymous callers may not create (<c>LiveSim:Auth:AllowAnonymous</c>), 409 for a replay range the journal
    /// does not hold, 429 naming the quota that is full. A session created with an API key belongs to its account.
    /// </summary>
    public static async Task<Results<Created<SessionCreated>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateSessionRequest request,
        HttpRequest http,
        [AsParameters] SessionServices services,
        CancellationToken cancellationToken)
    {
        var caller = await services.Callers.ResolveAsync(http);
        if (AnonymousRefused(caller, services.Auth.Value) is { } refused)
        {
            return refused;
        }

        var check = await services.Validator.CheckAsync(request, cancellationToken);
        if (check.Status == StatusCodes.Status409Conflict)
        {
            return RangeConflict(check, "The replay range is not in the journal.");
        }

        if (check.Errors.Count > 0)
        {
            return TypedResults.ValidationProblem(check.Errors, title: "The session request is invalid.");
        }

        // A recording of another account is not there for this caller (anonymous uploads are everyone's).
        if (check.Source!.RecordingId is { } recordingId
            && await services.Recordings.GetAsync(recordingId, cancellationToken) is { } recording && !RecordingsApi.Visible(recording, caller))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["source.recordingId"] = ["is not the id of an uploaded recording (see GET /live-sim/recordings)."] },
                title: "The session request is invalid.");
        }

        var token = AccessTokens.New();
        return await StartAsync(services.Grains, caller, token, new CreateSessionCommand(check.Config!, check.Source!, AccessTokens.Hash(token), services.Time.GetUtcNow(), caller.AccountId, BusEvents: check.BusEvents));
    }

    /// <summary>
    /// Starts a new session (a create or a fork) on one running session of the caller's quota: 201 with its view and
    /// <paramref name="token"/>, 429 when the quota is full; the reservation is released when the session is not created.
    /// </summary>
    internal static async Task<Results<Created<SessionCreated>, ValidationProblem, ProblemHttpResult>> StartAsync(IGrainFactory grains, Caller caller, string token, CreateSessionCommand command)
    {
        var id = Guid.NewGuid().ToString("N");
        var (refused, reply) = await WithRunningSlotsAsync(
            grains, caller, [id], () => grains.GetGrain<ISessionGrain>(id).CreateAsync(command), r => r.Access == SessionAccess.Ok);
        if (refused is not null)
        {
            return QuotaProblem(refused, "running sessions");
        }

        if (reply!.Access != SessionAccess.Ok)
        {
            return TypedResults.Problem($"Session '{id}' already exists.", statusCode: StatusCodes.Status409Conflict);
        }

        return TypedResults.Created($"/live-sim/sessions/{id}", new SessionCreated(reply.View!, token));
    }

    /// <summary>
    /// Sessions, newest first, a page at a time (<c>?after=&lt;last id&gt;&amp;limit=</c>), of every status unless
    /// <c>status</c> says which, optionally only of one <c>feedId</c> or <c>mode</c>: an API key lists its account's
    /// sessions, the operator key everyone's.
    /// </summary>
    public static async Task<Results<Ok<SessionPage>, ValidationProblem, ProblemHttpResult>> ListAsync(
        HttpRequest request, CallerResolver callers, ISessionCatalog catalog, string? after, int? limit, string? status, string? feedId, string? mode, CancellationToken cancellationToken)
    {
        var caller = await callers.ResolveAsync(request);
        if (!caller.IsOperator && caller.AccountId is null)
        {
            return TypedResults.Problem("Send an API key (your account's sessions: Authorization: ApiKey <key>, or X-Api-Key) or the operator key (all sessions: X-Operator-Key).", statusCode: StatusCodes.Status401Unauthorized, title: "Credentials required.");
        }

        var (size, errors) = Paging.Limit(limit);
        errors ??= [];
        var statusFilter = Parse<SessionStatus>(status, "status", errors);
        var modeFilter = Parse<SessionMode>(mode, "mode", errors);
        if (feedId is { Length: 0 })
        {
            errors["feedId"] = ["must be a feed id (GET /live-sim/feeds), or recording-{recordingId}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid listing query.");
        }

        var owners = caller.IsOperator ? OwnerFilter.All : OwnerFilter.Of(caller.AccountId);
        var entries = await catalog.ListAsync(new SessionCatalogQuery(owners, size, after, statusFilter, FeedId: feedId, Mode: modeFilter), cancellationToken);
        var items = entries.Select(e => new SessionListItem(e.SessionId, e.FeedId, e.Mode, e.Status, e.CreatedAt, e.OwnerAccountId, e.RecordingId)).ToArray();
        return TypedResults.Ok(new SessionPage(items, items.Length == size ? items[^1].Id : null));
    }

    /// <summary>401 for a caller without an API key (nor the operator key) when <c>LiveSim:Auth:AllowAnonymous</c> is false.</summary>
    public static ProblemHttpResult? AnonymousRefused(Caller caller, AuthOptions auth) =>
        auth.AllowAnonymous || caller.AccountId is not null || caller.IsOperator
            ? null
            : TypedResults.Problem(
                "This deployment needs an API key (Authorization: ApiKey <key>, or X-Api-Key) to create sessions and upload recordings (LiveSim:Auth:AllowAnonymous is false).",
                statusCode: StatusCodes.Status401Unauthorized,
                title: "API key required.");

    /// <summary>
    /// Reserves the caller's running-session slots for <paramref name="ids"/> (all or none), then runs
    /// <paramref name="create"/>; the slots are given back when it throws or does not create (<paramref name="created"/>
    /// false). Refused: the quota's decision, and nothing was created.
    /// </summary>
    internal static async Task<(QuotaDecision? Refused, TReply? Reply)> WithRunningSlotsAsync<TReply>(
        IGrainFactory grains, Caller caller, IReadOnlyList<string> ids, Func<Task<TReply>> create, Func<TReply, bool> created)
    {
        var quota = grains.GetGrain<IQuotaGrain>(QuotaKeys.Of(caller.AccountId));
        var decision = await quota.ReserveAsync(QuotaKind.RunningSessions, [.. ids.Select(id => new QuotaClaim(id))]);
        if (!decision.Granted)
        {
            return (decision, default);
        }

        TReply reply;
        try
        {
            reply = await create();
        }
        catch
        {
            await quota.ReleaseAsync(QuotaKind.RunningSessions, ids);
            throw;
        }

        if (!created(reply))
        {
            await quota.ReleaseAsync(QuotaKind.RunningSessions, ids);
        }

        return (null, reply);
    }

    /// <summary>429 naming the full quota: its configuration key, its value and what is used.</summary>
    public static ProblemHttpResult QuotaProblem(QuotaDecision decision, string what) =>
        TypedResults.Problem(new ProblemDetails
        {
            Status = StatusCodes.Status429TooManyRequests,
            Title = "Quota exceeded.",
            Detail = $"{decision.Limit} is {decision.Max} and {decision.Used} is used: no more {what} until some end or are deleted.",
            Extensions = { ["limit"] = decision.Limit, ["max"] = decision.Max, ["used"] = decision.Used },
        });

    private static T? Parse<T>(string? value, string field, Dictionary<string, string[]> errors)
        where T : struct, Enum
    {
        if (value is null)
        {
            return null;
        }

        var names = Enum.GetValues<T>().Select(v => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(v.ToString())).ToArray();
        var i = Array.IndexOf(names, value);
        if (i < 0)
        {
            errors[field] = [$"must be one of {string.Join(", ", names)}."];
            return null;
        }

        return Enum.GetValues<T>()[i];
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
        var (reply, room, client) = await rooms.JoinAsync(id, await callers.ResolveAsync(request, allowQueryToken: true), after, CallerResolver.ApiKeyHash(request));
        if (room is null)
        {
            return Problem(id, reply.Access);
        }

        return new Utf8ServerSentEvents(reader.ReadAsync(room, client!, reply, after, cancellationToken));
    }

    public static async Task<IResult> WebSocketAsync(string id, HttpContext context, SessionRooms rooms, SessionEventReader reader, CallerResolver callers)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return TypedResults.Problem("Connect with a WebSocket upgrade request.", statusCode: StatusCodes.Status400BadRequest);
        }

        var after = long.TryParse(context.Request.Query["lastEventId"], out var seq) ? seq : -1;
        var (reply, room, client) = await rooms.JoinAsync(id, await callers.ResolveAsync(context.Request, allowQueryToken: true), after, CallerResolver.ApiKeyHash(context.Request));
        if (room is null)
        {
            return Problem(id, reply.Access);
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        await SessionWebSocket.PumpAsync(socket, reader.ReadAsync(room, client!, reply, after, context.RequestAborted), context.RequestAborted);
        return TypedResults.Empty;
    }

    /// <summary>409 for a range the journal does not hold, naming the range it holds (<c>availableFromSeq</c>, <c>availableToSeq</c>).</summary>
    internal static ProblemHttpResult RangeConflict(CreateSessionCheck check, string title) =>
        TypedResults.Problem(new HttpValidationProblemDetails(check.Errors)
        {
            Status = check.Status,
            Title = title,
            Extensions = { ["availableFromSeq"] = check.Available?.FromSeq, ["availableToSeq"] = check.Available?.ToSeq },
        });

    internal static Results<Ok<SessionView>, ProblemHttpResult> ToResult(string id, SessionReply reply) =>
        reply.Access == SessionAccess.Ok ? TypedResults.Ok(reply.View!) : Problem(id, reply.Access);

    /// <summary>The ProblemDetails of a session's refusal.</summary>
    public static ProblemHttpResult Problem(string id, SessionAccess access) => access switch
    {
        SessionAccess.NotFound => TypedResults.Problem($"No session '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Session not found."),
        SessionAccess.Unauthorized => TypedResults.Problem("Send the session's access token or a viewer token as 'Authorization: Bearer <token>' (on the stream and WebSocket endpoints also ?access_token=, for EventSource), or its owner's API key.", statusCode: StatusCodes.Status401Unauthorized, title: "Missing or wrong access token."),
        SessionAccess.Forbidden => TypedResults.Problem($"This token may read session '{id}' but not change it.", statusCode: StatusCodes.Status403Forbidden, title: "Read-only access."),
        _ => TypedResults.Problem($"Session '{id}' does not allow this now.", statusCode: StatusCodes.Status409Conflict),
    };
}

/// <summary>What the create endpoint needs besides the request (eShop's OrderServices): bound with <c>[AsParameters]</c>.</summary>
public sealed record SessionServices(
    IGrainFactory Grains, CreateSessionValidator Validator, TimeProvider Time, CallerResolver Callers, IOptions<AuthOptions> Auth, IRecordingStore Recordings);

/// <summary>A session in a listing: the catalog's entry (its status as of its last change).</summary>
public sealed record SessionListItem(
    string Id, string FeedId, SessionMode Mode, SessionStatus Status, DateTimeOffset CreatedAt, string? OwnerAccountId, string? RecordingId);

/// <summary>A page of a listing; <see cref="Next"/> is the <c>after</c> of the next page, null on the last.</summary>
public sealed record SessionPage(IReadOnlyList<SessionListItem> Sessions, string? Next);
