using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.LiveSim.Abstractions.Sessions;
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
        group.MapPost("/", CreateAsync).WithName("CreateViewerToken").ForSessionControl().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/", ListAsync).WithName("ListViewerTokens").ForSessionControl();
        group.MapDelete("/{viewerId}", RevokeAsync).WithName("RevokeViewerToken").ForSessionControl();
        return group;
    }

    /// <summary>Documents an endpoint that needs control of one session: its credentials and the 401, 403 and 404 it may answer.</summary>
    public static RouteHandlerBuilder ForSessionControl(this RouteHandlerBuilder builder) =>
        builder.SecuredBy(ApiReference.SessionToken, ApiReference.ApiKey, ApiReference.ApiKeyAuthorization, ApiReference.OperatorKey)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>Mints a viewer token: 201 with the token, shown this once (the session keeps its hash).</summary>
    public static async Task<Results<Created<ViewerCreated>, ProblemHttpResult>> CreateAsync(string id, HttpRequest request, IGrainFactory grains, CallerResolver callers, TimeProvider time)
    {
        var (viewer, token) = Mint(time);
        var reply = await grains.GetGrain<ISessionViewersGrain>(id).AddViewerAsync(await callers.ResolveAsync(request), viewer);
        return reply.Access switch
        {
            SessionAccess.Ok => TypedResults.Created($"/live-sim/sessions/{id}/viewers/{viewer.ViewerId}", new ViewerCreated(viewer.ViewerId, viewer.CreatedAt, token)),
            SessionAccess.Conflict => TypedResults.Problem(
                $"Session '{id}' has {ViewerToken.MaxPerSession} viewer tokens, the most it may have: revoke one first (DELETE .../viewers/{{viewerId}}).",
                statusCode: StatusCodes.Status409Conflict,
                title: "Too many viewer tokens."),
            _ => SessionsApi.Problem(id, reply.Access),
        };
    }

    /// <summary>A new random viewer token and the record its session or sweep keeps of it (its id and the token's hash).</summary>
    public static (ViewerToken Viewer, string Token) Mint(TimeProvider time)
    {
        var token = AccessTokens.New();
        return (new ViewerToken(ViewerToken.IdPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)), AccessTokens.Hash(token), time.GetUtcNow()), token);
    }

    /// <summary>The session's viewer tokens (ids and when they were made; never the tokens).</summary>
    public static async Task<Results<Ok<IReadOnlyList<ViewerInfo>>, ProblemHttpResult>> ListAsync(string id, HttpRequest request, IGrainFactory grains, CallerResolver callers)
    {
        var reply = await grains.GetGrain<ISessionViewersGrain>(id).ListViewersAsync(await callers.ResolveAsync(request));
        return reply.Access == SessionAccess.Ok ? TypedResults.Ok(reply.Viewers) : SessionsApi.Problem(id, reply.Access);
    }

    /// <summary>Revokes a viewer token: refused from the next request on; a stream it opened ends within 15 s (its room's renewal).</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(string id, string viewerId, HttpRequest request, IGrainFactory grains, CallerResolver callers)
    {
        var reply = await grains.GetGrain<ISessionViewersGrain>(id).RevokeViewerAsync(await callers.ResolveAsync(request), viewerId);
        return reply.Access != SessionAccess.Ok ? SessionsApi.Problem(id, reply.Access)
            : reply.Changed ? TypedResults.NoContent()
            : TypedResults.Problem($"Session '{id}' has no viewer token '{viewerId}'.", statusCode: StatusCodes.Status404NotFound, title: "Viewer token not found.");
    }
}

/// <summary>A new viewer token: <see cref="Token"/> is shown this once. Send it as <c>Authorization: Bearer</c> (or <c>?access_token=</c> on the stream).</summary>
public sealed record ViewerCreated(string ViewerId, DateTimeOffset CreatedAt, string Token);
