using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Orleans.LiveSim.Abstractions.Quotas;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Abstractions.Sweeps;
using Orleans.LiveSim.Silo.Contracts;
using Orleans.LiveSim.Silo.Delivery;
using Orleans.LiveSim.Silo.Hosting;

namespace Orleans.LiveSim.Silo.Apis;

/// <summary>Parameter sweeps: one session per variant of a grid, ranked live; read, follow, export, stop, delete.</summary>
public static class SweepsApi
{
    private const int DefaultTop = 10;
    private const int MaxTop = 1000;

    public static RouteGroupBuilder MapSweepsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/live-sim/sweeps").WithTags("Sweeps");
        group.MapPost("/", CreateAsync).WithName("CreateSweep")
            .WithSummary("Creates a sweep: one session per variant of the grid, ranked by the metric.")
            .ReadsBody<CreateSweepRequest>("application/json", required: true)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .OptionallySecuredBy(ApiReference.ApiKey, ApiReference.ApiKeyAuthorization);
        group.MapGet("/{id}", GetAsync).WithName("GetSweep")
            .WithSummary("Status, progress (variants done, ticks applied, ETA), and the top and bottom variants (?top=, default 10).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ForOneSweep(ApiReference.SessionToken);
        group.MapGet("/{id}/variants", VariantsAsync).WithName("ListSweepVariants")
            .WithSummary("Every variant in rank order: ?format=ndjson (default, one JSON object a line) or csv.")
            .Produces<string>(StatusCodes.Status200OK, "application/x-ndjson", "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ForOneSweep(ApiReference.SessionToken);
        group.MapPost("/{id}/stop", StopAsync).WithName("StopSweep")
            .WithSummary("Stops the sweep and its variants (idempotent); 403 for a viewer token.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ForOneSweep(ApiReference.SessionToken);
        group.MapDelete("/{id}", DeleteAsync).WithName("DeleteSweep")
            .WithSummary("Stops the sweep and deletes it and its variant sessions; 403 for a viewer token.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ForOneSweep(ApiReference.SessionToken);
        group.MapGet("/{id}/stream", StreamAsync).WithName("StreamSweep")
            .WithSummary("Follows a sweep over Server-Sent Events.")
            .WithDescription(StreamDescription)
            .Produces<string>(StatusCodes.Status200OK, "text/event-stream")
            .ForOneSweep(ApiReference.SessionToken, ApiReference.AccessTokenQuery);
        group.MapGet("/{id}/ws", WebSocketAsync).WithName("SweepWebSocket")
            .WithSummary("Follows a sweep over a WebSocket (one JSON text frame per event; a plain GET is 400).")
            .WithDescription(StreamDescription)
            .Produces(StatusCodes.Status101SwitchingProtocols)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ForOneSweep(ApiReference.SessionToken, ApiReference.AccessTokenQuery);
        return group;
    }

    private const string StreamDescription =
        "A sweep_update event (`{type, schemaVersion, sweepId, updateSeq, body}`, body: the sweep's view with its leaderboard, ?top= as on GET) at once, then whenever the sweep changed, at most twice a second, with keepalive events in between; a replay sweep's stream ends once every variant is done, a live sweep's when it is stopped. Schema: GET /live-sim/schema/v1/sweep_update.json.";

    // As a session's endpoints: the token, and the 401 and 404 it may answer.
    private static RouteHandlerBuilder ForOneSweep(this RouteHandlerBuilder builder, params string[] schemes) =>
        builder.SecuredBy(schemes).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>
    /// Creates and starts a sweep: 201 with its view and access token, 400 naming each invalid field, 401 without an API key
    /// where anonymous callers may not create (<c>LiveSim:Auth:AllowAnonymous</c>), 409 for a replay range the journal does
    /// not hold, 429 when its variants do not fit the owner's running-session quota (each variant is a session and holds a
    /// slot from the sweep's start until it ends).
    /// </summary>
    public static async Task<Results<Created<SweepCreated>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateSweepRequest request,
        HttpRequest http,
        [AsParameters] SweepServices services,
        CancellationToken cancellationToken)
    {
        var caller = await services.Callers.ResolveAsync(http);
        if (SessionsApi.AnonymousRefused(caller, services.Auth.Value) is { } refused)
        {
            return refused;
        }

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
            return TypedResults.ValidationProblem(check.Errors, title: "The sweep request is invalid.");
        }

        var id = Guid.NewGuid().ToString("N");
        // Every variant is a session of the sweep's owner: all of them fit the quota or the sweep is refused. Each variant
        // releases its slot when it ends (a variant never started gives its slot back after LiveSim:Quotas:ReservationGrace).
        var variants = (int)SweepGrid.Count(check.Grid);
        var token = AccessTokens.New();
        var command = new CreateSweepCommand(check.BaseConfig!, check.Source!, check.Grid, check.Metric, AccessTokens.Hash(token), services.Time.GetUtcNow(), caller.AccountId);
        var (full, reply) = await SessionsApi.WithRunningSlotsAsync(
            services.Grains,
            caller,
            [.. Enumerable.Range(0, variants).Select(i => SweepMembership.SessionIdOf(id, i))],
            () => services.Grains.GetGrain<ISweepGrain>(id).CreateAsync(command),
            r => r.Access == SessionAccess.Ok);
        if (full is not null)
        {
            return SessionsApi.QuotaProblem(full, "running sessions (a sweep's variants are sessions)");
        }

        if (reply!.Access != SessionAccess.Ok)
        {
            return TypedResults.Problem($"Sweep '{id}' already exists.", statusCode: StatusCodes.Status409Conflict);
        }

        return TypedResults.Created($"/live-sim/sweeps/{id}", new SweepCreated(reply.View!, token));
    }

    public static async Task<Results<Ok<SweepView>, ValidationProblem, ProblemHttpResult>> GetAsync(string id, int? top, HttpRequest request, IGrainFactory grains, CallerResolver callers)
    {
        if (Top(top) is not { } n)
        {
            return TopProblem();
        }

        var reply = await grains.GetGrain<ISweepGrain>(id).GetAsync(await callers.ResolveAsync(request), n);
        return reply.View is { } view ? TypedResults.Ok(view) : Problem(id, reply.Access);
    }

    public static async Task<Results<ContentHttpResult, ValidationProblem, ProblemHttpResult>> VariantsAsync(
        string id, string? format, HttpRequest request, IGrainFactory grains, CallerResolver callers, Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    {
        if (format is not (null or "ndjson" or "csv"))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["must be ndjson or csv."] }, title: "Invalid format.");
        }

        var reply = await grains.GetGrain<ISweepGrain>(id).GetVariantsAsync(await callers.ResolveAsync(request));
        if (reply.Access != SessionAccess.Ok)
        {
            return Problem(id, reply.Access);
        }

        return format == "csv"
            ? TypedResults.Text(SweepExport.Csv(reply), "text/csv")
            : TypedResults.Text(SweepExport.Ndjson(reply, json.Value.SerializerOptions), "application/x-ndjson");
    }

    public static async Task<Results<Ok<SweepView>, ProblemHttpResult>> StopAsync(string id, HttpRequest request, IGrainFactory grains, CallerResolver callers)
    {
        var reply = await grains.GetGrain<ISweepGrain>(id).StopAsync(await callers.ResolveAsync(request));
        return reply.View is { } view ? TypedResults.Ok(view) : Problem(id, reply.Access);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string id, HttpRequest request, IGrainFactory grains, CallerResolver callers)
    {
        var access = await grains.GetGrain<ISweepGrain>(id).DeleteAsync(await callers.ResolveAsync(request));
        return access == SessionAccess.Ok ? TypedResults.NoContent() : Problem(id, access);
    }

    public static async Task<IResult> StreamAsync(string id, int? top, HttpRequest request, IGrainFactory grains, CallerResolver callers, SweepStream stream, CancellationToken cancellationToken)
    {
        var (caller, first, refused) = await OpenAsync(id, top, request, grains, callers);
        if (refused is not null)
        {
            return refused;
        }

        return new Utf8ServerSentEvents(stream.ReadAsync(id, caller, first!, Top(top)!.Value, cancellationToken));
    }

    public static async Task<IResult> WebSocketAsync(string id, int? top, HttpContext context, IGrainFactory grains, CallerResolver callers, SweepStream stream)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return TypedResults.Problem("Connect with a WebSocket upgrade request.", statusCode: StatusCodes.Status400BadRequest);
        }

        var (caller, first, refused) = await OpenAsync(id, top, context.Request, grains, callers);
        if (refused is not null)
        {
            return refused;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        await SessionWebSocket.PumpAsync(socket, stream.ReadAsync(id, caller, first!, Top(top)!.Value, context.RequestAborted), context.RequestAborted);
        return TypedResults.Empty;
    }

    private static async Task<(Caller Caller, SweepView? First, IResult? Refused)> OpenAsync(string id, int? top, HttpRequest request, IGrainFactory grains, CallerResolver callers)
    {
        var caller = await callers.ResolveAsync(request, allowQueryToken: true);
        if (Top(top) is not { } n)
        {
            return (caller, null, TopProblem());
        }

        var reply = await grains.GetGrain<ISweepGrain>(id).GetAsync(caller, n);
        return (caller, reply.View, reply.View is null ? Problem(id, reply.Access) : null);
    }

    private static int? Top(int? top) => (top ?? DefaultTop) is var n and >= 0 and <= MaxTop ? n : null;

    private static ValidationProblem TopProblem() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["top"] = [$"must be between 0 and {MaxTop}."] }, title: "Invalid top.");

    internal static ProblemHttpResult Problem(string id, SessionAccess access) => access switch
    {
        SessionAccess.NotFound => TypedResults.Problem($"No sweep '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Sweep not found."),
        SessionAccess.Unauthorized => TypedResults.Problem("Send the sweep's access token or one of its viewer tokens as 'Authorization: Bearer <token>' (on the stream and WebSocket endpoints also ?access_token=).", statusCode: StatusCodes.Status401Unauthorized, title: "Missing or wrong access token."),
        SessionAccess.Forbidden => TypedResults.Problem($"This token may read sweep '{id}' but not change it.", statusCode: StatusCodes.Status403Forbidden, title: "Read-only access."),
        _ => TypedResults.Problem($"Sweep '{id}' does not allow this now.", statusCode: StatusCodes.Status409Conflict),
    };
}

/// <summary>What the create endpoint needs besides the request: bound with <c>[AsParameters]</c>.</summary>
public sealed record SweepServices(IGrainFactory Grains, CreateSweepValidator Validator, CallerResolver Callers, TimeProvider Time, IOptions<AuthOptions> Auth);
