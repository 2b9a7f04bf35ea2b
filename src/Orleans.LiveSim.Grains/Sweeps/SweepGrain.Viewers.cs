using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Abstractions.Sweeps;

namespace Orleans.LiveSim.Grains.Sweeps;

/// <summary>
/// The sweep's read-only viewer tokens (<see cref="ISweepViewersGrain"/>), kept as hashes in its stored state. Its variants
/// hold none of them: a variant asks the sweep about a token it does not know (<see cref="AdmitsViewerAsync"/>), so a
/// revoked token is refused by the sweep and all of its variants from the next request on.
/// </summary>
public sealed partial class SweepGrain : ISweepViewersGrain
{
    public async Task<ViewerReply> AddViewerAsync(Caller caller, ViewerToken viewer)
    {
        if (Authorize(caller, AccessLevel.Control) is { } denied)
        {
            return ViewerReply.Denied(denied);
        }

        if (S.Viewers.Count >= ViewerToken.MaxPerSession)
        {
            return new ViewerReply(SessionAccess.Conflict, Viewers());
        }

        stored.State = S with { Viewers = [.. S.Viewers, viewer] };
        await SaveAsync();
        return new ViewerReply(SessionAccess.Ok, Viewers(), Changed: true);
    }

    public Task<ViewerReply> ListViewersAsync(Caller caller) =>
        Task.FromResult(Authorize(caller, AccessLevel.Control) is { } denied ? ViewerReply.Denied(denied) : new ViewerReply(SessionAccess.Ok, Viewers()));

    public async Task<ViewerReply> RevokeViewerAsync(Caller caller, string viewerId)
    {
        if (Authorize(caller, AccessLevel.Control) is { } denied)
        {
            return ViewerReply.Denied(denied);
        }

        if (!S.Viewers.Any(v => v.ViewerId == viewerId))
        {
            return new ViewerReply(SessionAccess.Ok, Viewers());
        }

        // From the next call on the token reads nothing here or in a variant; a sweep stream it opened ends at its next read.
        stored.State = S with { Viewers = [.. S.Viewers.Where(v => v.ViewerId != viewerId)] };
        await SaveAsync();
        return new ViewerReply(SessionAccess.Ok, Viewers(), Changed: true);
    }

    public Task<bool> AdmitsViewerAsync(string tokenHash)
    {
        if (!S.Exists)
        {
            DeactivateOnIdle();
            return Task.FromResult(false);
        }

        return Task.FromResult(S.AdmitsViewer(tokenHash));
    }

    private ViewerInfo[] Viewers() => [.. S.Viewers.Select(ViewerInfo.Of)];
}
