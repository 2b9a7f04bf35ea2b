using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Abstractions.Sweeps;
using Orleans.LiveSim.Silo.Contracts;
using Orleans.LiveSim.Silo.Hosting;

namespace Orleans.LiveSim.Silo.Apis;

/// <summary>
/// A sweep's read-only viewer tokens, for sharing its leaderboard: a viewer token reads and streams the sweep, its
/// variants export, and every variant session (its view, stream, bets, P&amp;L, equity); it is 403 on stopping or deleting
/// the sweep, on minting viewers, and on every change to a variant. Minting, listing and revoking them needs control of
/// the sweep (its token, its owner's API key, the operator key), as a session's do (<see cref="ViewersApi"/>).
/// </summary>
public static class SweepViewersApi
{
    public static RouteGroupBuilder MapSweepViewersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/live-sim/sweeps/{id}/viewers").WithTags("Sweeps");
        group.MapPost("/", CreateAsync).WithName("CreateSweepViewerToken")
            .WithSummary("Mints a read-only viewer token of the sweep and its variants (shown once).")
            .ForViewerMinting()
            .ForSessionControl();
        group.MapGet("/", ListAsync).WithName("ListSweepViewerTokens").WithSummary("The sweep's viewer tokens: ids and when they were made, never the tokens.").ForSessionControl();
        group.MapDelete("/{viewerId}", RevokeAsync).WithName("RevokeSweepViewerToken")
            .WithSummary("Revokes a viewer token: the sweep and its variants refuse it from the next request on.")
            .ForSessionControl();
        return group;
    }

    /// <summary>Mints a viewer token: 201 with the token, shown this once (the sweep keeps its hash); 400 for a label too long.</summary>
    public static async Task<Results<Created<ViewerCreated>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        string id, CreateViewerRequest body, HttpRequest request, IGrainFactory grains, CallerResolver callers, TimeProvider time)
    {
        if (body.Errors() is { Count: > 0 } errors)
        {
            return ViewersApi.Invalid(errors);
        }

        var (viewer, token) = ViewersApi.Mint(time, body.Label);
        var reply = await grains.GetGrain<ISweepViewersGrain>(id).AddViewerAsync(await callers.ResolveAsync(request), viewer);
        return ViewersApi.Created(Sweep(id), viewer, token, reply);
    }

    /// <summary>The sweep's viewer tokens (ids and when they were made; never the tokens).</summary>
    public static async Task<Results<Ok<IReadOnlyList<ViewerInfo>>, ProblemHttpResult>> ListAsync(string id, HttpRequest request, IGrainFactory grains, CallerResolver callers) =>
        ViewersApi.Listed(Sweep(id), await grains.GetGrain<ISweepViewersGrain>(id).ListViewersAsync(await callers.ResolveAsync(request)));

    /// <summary>Revokes a viewer token: refused by the sweep and its variants from the next request on; a sweep stream it opened ends at its next read.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(string id, string viewerId, HttpRequest request, IGrainFactory grains, CallerResolver callers) =>
        ViewersApi.Revoked(Sweep(id), viewerId, await grains.GetGrain<ISweepViewersGrain>(id).RevokeViewerAsync(await callers.ResolveAsync(request), viewerId));

    private static ViewerOwner Sweep(string id) => new($"Sweep '{id}'", $"/live-sim/sweeps/{id}", access => SweepsApi.Problem(id, access));
}
