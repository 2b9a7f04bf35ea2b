using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Grains.Sessions;
using Orleans.LiveSim.Abstractions.Storage;

namespace Orleans.LiveSim.Grains.Tests;

/// <summary>
/// Stored sessions outlive the code that wrote them. <c>Fixtures/session-state-v1.json</c> is a session as the first
/// release stored it (written by that release's serializer from <see cref="GoldenSession"/>, a bet open); it must load
/// and go on exactly as if it had never been stored.
/// </summary>
public sealed class StoredSessionTests
{
    private static readonly string V1Document = Path.Combine(AppContext.BaseDirectory, "Fixtures", "session-state-v1.json");

    [Fact]
    public void A_stored_v1_session_loads_and_continues_to_the_state_of_an_uninterrupted_run()
    {
        var stored = new StoredStateSerializer().Deserialize<SessionGrainState>(BinaryData.FromBytes(File.ReadAllBytes(V1Document)));
        var resumed = new SessionRunner(GoldenSession.SessionId, stored, new SessionOutbox(16, TimeSpan.FromSeconds(1)));
        Assert.Equal(GoldenSession.Checkpoint, resumed.LastSeq);
        Assert.Equal(1.08m, resumed.Engine.State.Balance);
        Assert.Single(resumed.Engine.State.ActiveBets);

        var uninterrupted = new SessionRunner(GoldenSession.SessionId, new SessionGrainState
        {
            Created = true,
            Config = GoldenSession.Config,
            Source = stored.Source,
            Engine = SessionEngine.NewState(GoldenSession.Config),
        }, new SessionOutbox(16, TimeSpan.FromSeconds(1)));
        foreach (var tick in GoldenSession.Ticks)
        {
            uninterrupted.Apply(tick);
            resumed.Apply(tick);
        }

        Assert.Equal(GoldenSession.Ticks.Count, resumed.LastSeq);
        Assert.Equal(uninterrupted.Engine.StateHash, resumed.Engine.StateHash);
        Assert.Equal(uninterrupted.Engine.State.Balance, resumed.Engine.State.Balance);
        Assert.Equal(1.18m, resumed.Engine.State.Balance);
        Assert.Equal(uninterrupted.Engine.State.Stats.BetsWon, resumed.Engine.State.Stats.BetsWon);
        Assert.Equal(3, resumed.Engine.State.Stats.BetsWon);
        Assert.Equal(uninterrupted.Engine.State.Stats.SharpeRatio, resumed.Engine.State.Stats.SharpeRatio);
        Assert.Equal(uninterrupted.Engine.State.RecentRugTicks, resumed.Engine.State.RecentRugTicks);
    }
}
