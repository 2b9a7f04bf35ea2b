using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Silo.Contracts;
using Orleans.LiveSim.Silo.Hosting;

namespace Orleans.LiveSim.Silo.Apis;

/// <summary>An owner's control over a running session besides stopping it: pause and resume betting, fork it.</summary>
public static class SessionControlApi
{
    public static RouteGroupBuilder MapSessionControlApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/live-sim/sessions").WithTags("Sessions");
        group.MapPost("/{id}/pause", PauseAsync).WithName("PauseSession")
            .WithSummary("Pauses betting: no new bet from the next feed entry on.")
            .WithDescription("Takes effect after the last feed entry the session applied, which its command log records (a replay or a fork applies it at the same seq); emits session_paused. Ticks are still applied and open bets settle; scheduled bets are skipped (reason paused). Idempotent. Needs control (the session's token, its account, the operator): a read-only token gets 403. 409 once the session has ended or its log holds 1,000 commands.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ForOneSession(ApiReference.SessionToken);
        group.MapPost("/{id}/resume", ResumeAsync).WithName("ResumeSession")
            .WithSummary("Resumes betting from the next feed entry on.")
            .WithDescription("The counterpart of pause; emits session_resumed. Idempotent. 403 for a read-only token, 409 once the session has ended.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ForOneSession(ApiReference.SessionToken);
        group.MapPost("/{id}/fork", ForkAsync).WithName("ForkSession")
            .WithSummary("Forks a session: a new session over the same feed from a past seq, with new parameters.")
            .WithDescription("The fork replays the journal from fromSeq (default: the parent's first seq) at full speed with the parent's parameters, those given in strategy.params replacing theirs, and the parent's pauses and resumes at their seqs. It ends where the parent ended (a running replay: at the end of its range); when the parent runs live, the fork follows the feed live once it has caught up, without a gap or a tick applied twice (its mode is replay until then). Unchanged parameters give the parent's stateHash at every seq both applied. 201 with the fork's view and its own accessToken; it belongs to the caller's account and counts in its running sessions (429 when they are full). 409 when the journal no longer holds fromSeq.")
            .ReadsBody<ForkSessionRequest>("application/json", required: false)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ForOneSession(ApiReference.SessionToken);
        return group;
    }

    public static async Task<Results<Ok<SessionView>, ProblemHttpResult>> PauseAsync(string id, HttpRequest request, IGrainFactory grains, CallerResolver callers) =>
        SessionsApi.ToResult(id, await grains.GetGrain<ISessionGrain>(id).PauseBettingAsync(await callers.ResolveAsync(request)));

    public static async Task<Results<Ok<SessionView>, ProblemHttpResult>> ResumeAsync(string id, HttpRequest request, IGrainFactory grains, CallerResolver callers) =>
        SessionsApi.ToResult(id, await grains.GetGrain<ISessionGrain>(id).ResumeBettingAsync(await callers.ResolveAsync(request)));

    public static async Task<Results<Created<SessionCreated>, ValidationProblem, ProblemHttpResult>> ForkAsync(
        string id,
        ForkSessionRequest body,
        HttpRequest request,
        [AsParameters] SessionServices services,
        CancellationToken cancellationToken)
    {
        var caller = await services.Callers.ResolveAsync(request);
        var parent = await services.Grains.GetGrain<ISessionGrain>(id).GetForkSourceAsync(caller);
        if (parent.Access != SessionAccess.Ok)
        {
            return SessionsApi.Problem(id, parent.Access);
        }

        // A fork is a new session: where anonymous callers may not create one, they may not fork either.
        if (SessionsApi.AnonymousRefused(caller, services.Auth.Value) is { } refused)
        {
            return refused;
        }

        var check = await services.Validator.CheckForkAsync(body, parent.Source!, cancellationToken);
        if (check.Status == StatusCodes.Status409Conflict)
        {
            return SessionsApi.RangeConflict(check, "The fork's first seq is not in the journal.");
        }

        if (check.Errors.Count > 0)
        {
            return TypedResults.ValidationProblem(check.Errors, title: "The fork request is invalid.");
        }

        var token = AccessTokens.New();
        var command = new CreateSessionCommand(check.Config!, check.Source!, AccessTokens.Hash(token), services.Time.GetUtcNow(), caller.AccountId, parent.Source!.Commands, id);
        return await SessionsApi.StartAsync(services.Grains, caller, token, command);
    }
}
