using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Abstractions.Storage;
using Orleans.LiveSim.Api.Tests.Contracts;
using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Grains.Sessions;

namespace Orleans.LiveSim.Api.Tests;

/// <summary>The view of a fresh golden session "s" (eventSeq 0), for reader tests that need a snapshot but no grain.</summary>
public static class GoldenView
{
    public static SessionView Of(TimeProvider time)
    {
        var runner = new SessionRunner("s", GoldenSession.Config, SessionEngine.NewState(GoldenSession.Config), 0, new SessionOutbox(16, 1 << 16, TimeSpan.FromSeconds(60), time));
        var stored = new StoredSession { Config = GoldenSession.Config, Source = new SessionSource(GoldenSession.FeedId, SessionMode.Replay), CreatedAt = time.GetUtcNow() };
        return SessionViews.Build("s", stored, runner, null, time.GetUtcNow());
    }
}
