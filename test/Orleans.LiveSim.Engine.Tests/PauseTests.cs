using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Engine.Wallet;

namespace Orleans.LiveSim.Engine.Tests;

public sealed class PauseTests
{
    [Fact]
    public void A_paused_session_skips_its_bets_settles_the_open_one_and_bets_again_once_resumed()
    {
        var config = Configs.Schedule(entryTick: 2, numBets: 2, cooldown: 0);
        var engine = new SessionEngine(config);
        var events = new List<EngineEvent>();
        var feed = new Feed();
        foreach (var tick in feed.Run("g1", 0, 3).Ticks)
        {
            engine.Apply(tick, events);
        }

        Assert.Single(engine.State.ActiveBets);
        Assert.True(engine.Pause(events));
        Assert.False(engine.Pause(events));
        var pausedAt = engine.State.LastSeq;
        foreach (var tick in new[] { feed.Rug("g1", 20) }.Concat(feed.Round("g2", 90).Ticks.Skip(5)))
        {
            engine.Apply(tick, events);
        }

        Assert.True(engine.Resume(events));
        foreach (var tick in feed.Round("g3", 90).Ticks.Skip(5 + 91))
        {
            engine.Apply(tick, events);
        }

        Assert.Equal(new SessionPaused(pausedAt), events.OfType<SessionPaused>().Single());
        Assert.Equal(BetOutcome.Won, events.OfType<BetSettled>().First().Outcome);
        Assert.DoesNotContain(events.OfType<BetPlaced>(), p => p.Bet.GameId == "g2");
        Assert.Equal(["paused", "paused"], events.OfType<BetSkipped>().Where(s => s.GameId == "g2").Select(s => s.Reason));
        Assert.Equal(2, events.OfType<BetPlaced>().Count(p => p.Bet.GameId == "g3"));
        Assert.False(engine.State.Paused);
    }

    [Fact]
    public void Pause_and_resume_at_the_same_seqs_give_the_same_state_hash_and_a_different_one_than_no_pause()
    {
        var config = Configs.Schedule(entryTick: 2, numBets: 3, cooldown: 0);
        var ticks = new Feed().Round("g1", 60).Round("g2", 70).Round("g3", 50).Ticks;

        string Run(params long[] toggleAfter)
        {
            var engine = new SessionEngine(config);
            var events = new List<EngineEvent>();
            foreach (var tick in ticks)
            {
                engine.Apply(tick, events);
                if (toggleAfter.Contains(tick.Seq))
                {
                    _ = engine.State.Paused ? engine.Resume(events) : engine.Pause(events);
                }
            }

            return engine.StateHash;
        }

        Assert.Equal(Run(40, 100), Run(40, 100));
        Assert.NotEqual(Run(), Run(40, 100));
        Assert.NotEqual(Run(40, 100), Run(41, 100));
    }

    [Fact]
    public void An_ended_session_cannot_be_paused()
    {
        var engine = new SessionEngine(Configs.Schedule());
        engine.Stop("stopped_by_user", []);

        Assert.False(engine.Pause([]));
        Assert.False(engine.State.Paused);
    }
}
