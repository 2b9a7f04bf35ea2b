using Orleans.LiveSim.Abstractions.Sessions;

namespace Orleans.LiveSim.Grains.Sessions;

/// <summary>The session's read-only viewer tokens (<see cref="ISessionViewersGrain"/>): kept as hashes in its stored state.</summary>
public sealed partial class SessionGrain : ISessionViewersGrain
{
    public async Task<ViewerReply> AddViewerAsync(Caller caller, ViewerToken viewer)
    {
        if (await AuthorizeAsync(caller, AccessLevel.Control) is { } denied)
        {
            return ViewerReply.Denied(denied.Access);
        }

        if (S.Viewers.Count >= ViewerToken.MaxPerSession)
        {
            return new ViewerReply(SessionAccess.Conflict, Viewers());
        }

        stored.State = S with { Viewers = [.. S.Viewers, viewer] };
        await SaveAsync();
        return new ViewerReply(SessionAccess.Ok, Viewers(), Changed: true);
    }

    public async Task<ViewerReply> ListViewersAsync(Caller caller) =>
        await AuthorizeAsync(caller, AccessLevel.Control) is { } denied ? ViewerReply.Denied(denied.Access) : new ViewerReply(SessionAccess.Ok, Viewers());

    public async Task<ViewerReply> RevokeViewerAsync(Caller caller, string viewerId)
    {
        if (await AuthorizeAsync(caller, AccessLevel.Control) is { } denied)
        {
            return ViewerReply.Denied(denied.Access);
        }

        if (!S.Viewers.Any(v => v.ViewerId == viewerId))
        {
            return new ViewerReply(SessionAccess.Ok, Viewers());
        }

        // From the next call on, the token reads nothing; a stream it opened ends when its room renews its watch.
        stored.State = S with { Viewers = [.. S.Viewers.Where(v => v.ViewerId != viewerId)] };
        await SaveAsync();
        return new ViewerReply(SessionAccess.Ok, Viewers(), Changed: true);
    }

    private ViewerInfo[] Viewers() => [.. S.Viewers.Select(ViewerInfo.Of)];
}
