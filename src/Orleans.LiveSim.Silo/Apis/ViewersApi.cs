using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Silo.Contracts;
using Orleans.LiveSim.Silo.Hosting;

namespace Orleans.LiveSim.Silo.Apis;

/// <summary>
/// A session's read-only viewer tokens, for sharing a dashboard: a viewer token reads and streams the session (403 on
/// stop and every other change). Minting, listing and revoking them needs control of the session (its access token,
/// its owner's API key, or the operator key). A session holds at most <see cref="ViewerToken.MaxPerSession"/>.
/// </summary>
public static class ViewersApi
{
    public static RouteGroupBuilder MapViewersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/live-sim/sessions/{id}/viewers").WithTags("Sessions");
        group.MapPost("/", CreateAsync).WithName("CreateViewerToken").ForViewerMinting().ForSessionControl();
        group.MapGet("/", ListAsync).WithName("ListViewerTokens").ForSessionControl();
        group.MapDelete("/{viewerId}", RevokeAsync).WithName("RevokeViewerToken").ForSessionControl();
        return group;
    }

    /// <summary>Documents an endpoint that mints a viewer token: its optional body (a label) and the 400, 409 and 413 it may answer.</summary>
    public static RouteHandlerBuilder ForViewerMinting(this RouteHandlerBuilder builder) =>
        builder.ReadsBody<CreateViewerRequest>("application/json", required: false)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

    /// <summary>Documents an endpoint that needs control of one session: its credentials and the 401, 403 and 404 it may answer.</summary>
    public static RouteHandlerBuilder ForSessionControl(this RouteHandlerBuilder builder) =>
        builder.SecuredBy(ApiReference.SessionToken, ApiReference.ApiKey, ApiReference.ApiKeyAuthorization, ApiReference.OperatorKey)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>Mints a viewer token: 201 with the token, shown this once (the session keeps its hash); 400 for a label too long.</summary>
    public static async Task<Results<Created<ViewerCreated>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        string id, CreateViewerRequest body, HttpRequest request, IGrainFactory grains, CallerResolver callers, TimeProvider time)
    {
        if (body.Errors() is { Count: > 0 } errors)
        {
            return Invalid(errors);
        }

        var (viewer, token) = Mint(time, body.Label);
        var reply = await grains.GetGrain<ISessionViewersGrain>(id).AddViewerAsync(await callers.ResolveAsync(request), viewer);
        return Created(Session(id), viewer, token, reply);
    }

    /// <summary>The session's viewer tokens (ids and when they were made; never the tokens).</summary>
    public static async Task<Results<Ok<IReadOnlyList<ViewerInfo>>, ProblemHttpResult>> ListAsync(string id, HttpRequest request, IGrainFactory grains, CallerResolver callers) =>
        Listed(Session(id), await grains.GetGrain<ISessionViewersGrain>(id).ListViewersAsync(await callers.ResolveAsync(request)));

    /// <summary>Revokes a viewer token: refused from the next request on; a stream it opened ends within 15 s (its room's renewal).</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(string id, string viewerId, HttpRequest request, IGrainFactory grains, CallerResolver callers) =>
        Revoked(Session(id), viewerId, await grains.GetGrain<ISessionViewersGrain>(id).RevokeViewerAsync(await callers.ResolveAsync(request), viewerId));

    /// <summary>A new random viewer token and the record its session or sweep keeps of it (its id and the token's hash).</summary>
    public static (ViewerToken Viewer, string Token) Mint(TimeProvider time, string? label)
    {
        var token = AccessTokens.New();
        var id = ViewerToken.IdPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        return (new ViewerToken(id, AccessTokens.Hash(token), time.GetUtcNow(), string.IsNullOrWhiteSpace(label) ? null : label), token);
    }

    public static ValidationProblem Invalid(Dictionary<string, string[]> errors) => TypedResults.ValidationProblem(errors, title: "The viewer request is invalid.");

    /// <summary>The answer to minting <paramref name="viewer"/> on <paramref name="owner"/>: 201 with the token, 409 when it holds the most it may, else its refusal.</summary>
    public static Results<Created<ViewerCreated>, ValidationProblem, ProblemHttpResult> Created(ViewerOwner owner, ViewerToken viewer, string token, ViewerReply reply) => reply.Access switch
    {
        SessionAccess.Ok => TypedResults.Created($"{owner.Path}/viewers/{viewer.ViewerId}", new ViewerCreated(viewer.ViewerId, viewer.CreatedAt, token, viewer.Label)),
        SessionAccess.Conflict => TypedResults.Problem(
            $"{owner.Name} has {ViewerToken.MaxPerSession} viewer tokens, the most it may have: revoke one first (DELETE .../viewers/{{viewerId}}).",
            statusCode: StatusCodes.Status409Conflict,
            title: "Too many viewer tokens."),
        _ => owner.Problem(reply.Access),
    };

    public static Results<Ok<IReadOnlyList<ViewerInfo>>, ProblemHttpResult> Listed(ViewerOwner owner, ViewerReply reply) =>
        reply.Access == SessionAccess.Ok ? TypedResults.Ok(reply.Viewers) : owner.Problem(reply.Access);

    public static Results<NoContent, ProblemHttpResult> Revoked(ViewerOwner owner, string viewerId, ViewerReply reply) =>
        reply.Access != SessionAccess.Ok ? owner.Problem(reply.Access)
            : reply.Changed ? TypedResults.NoContent()
            : TypedResults.Problem($"{owner.Name} has no viewer token '{viewerId}'.", statusCode: StatusCodes.Status404NotFound, title: "Viewer token not found.");

    private static ViewerOwner Session(string id) => new($"Session '{id}'", $"/live-sim/sessions/{id}", access => SessionsApi.Problem(id, access));
}

/// <summary>What holds viewer tokens (a session or a sweep) as the answers name it: its name, its path, its refusals.</summary>
public sealed record ViewerOwner(string Name, string Path, Func<SessionAccess, ProblemHttpResult> Problem);

/// <summary>A new viewer token: <see cref="Token"/> is shown this once. Send it as <c>Authorization: Bearer</c> (or <c>?access_token=</c> on the stream).</summary>
public sealed record ViewerCreated(string ViewerId, DateTimeOffset CreatedAt, string Token, string? Label);
