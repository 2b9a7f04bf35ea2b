using Microsoft.Extensions.Options;
using Orleans.LiveSim.Abstractions.Ledger;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Abstractions.Storage;
using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Grains.Sessions;
using Orleans.LiveSim.Grains.Storage;

namespace Orleans.LiveSim.Grains.Tests;

/// <summary>The command log and the ledger at the runner: a replay applies the commands where they were given, and a replay after a crash writes no ledger entry twice.</summary>
public sealed class SessionRunnerHistoryTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.UnixEpoch;

    [Fact]
    public void A_runner_given_the_command_log_pauses_and_resumes_at_the_same_seqs_with_the_same_events_and_state_hash()
    {
        var live = NewRunner();
        foreach (var tick in GoldenSession.Ticks)
        {
            live.Apply(tick);
            if (tick.Seq is 40 or 90)
            {
                Assert.True(live.Execute(tick.Seq == 40 ? SessionCommandKind.Pause : SessionCommandKind.Resume));
            }
        }

        var replay = NewRunner([new(SessionCommandKind.Pause, 40, At), new(SessionCommandKind.Resume, 90, At)]);
        foreach (var tick in GoldenSession.Ticks)
        {
            replay.Apply(tick);
        }

        Assert.Equal(live.Engine.StateHash, replay.Engine.StateHash);
        Assert.Equal(live.EventSeq, replay.EventSeq);
        Assert.Equal(live.PendingLedger, replay.PendingLedger);
        Assert.NotEqual(NewRunnerAfterAllTicks().Engine.StateHash, live.Engine.StateHash);
        Assert.Contains(live.PendingLedger, e => e.Reason == "paused");
    }

    [Fact]
    public async Task A_runner_that_replays_from_its_last_stored_state_after_a_crash_writes_every_ledger_entry_once()
    {
        var ledger = new InMemorySessionLedger(Options.Create(new LedgerOptions()));
        var uninterrupted = NewRunner();
        StoredEngineState? stored = null;
        var storedEventSeq = 0L;
        foreach (var tick in GoldenSession.Ticks)
        {
            uninterrupted.Apply(tick);
            if (tick.Seq % 50 == 0)
            {
                // The grain's write point: the ledger, then the state.
                await WriteAsync(ledger, uninterrupted);
                (stored, storedEventSeq) = (StoredEngineState.From(uninterrupted.Engine.State), uninterrupted.EventSeq);
            }
            else if (tick.Seq == 120)
            {
                // A reader made it write its entries early (OpenLedgerAsync), then the silo died before the next state write.
                await WriteAsync(ledger, uninterrupted);
                break;
            }
        }

        var recovered = new SessionRunner(GoldenSession.SessionId, GoldenSession.Config, stored!.ToState(), storedEventSeq, NewOutbox());
        foreach (var tick in GoldenSession.Ticks)
        {
            recovered.Apply(tick);
        }

        recovered.Stop("stopped_by_user");
        await WriteAsync(ledger, recovered);
        var expected = NewRunnerAfterAllTicks();
        expected.Stop("stopped_by_user");

        var entries = await ledger.ReadEntriesAsync(GoldenSession.SessionId, null, 0, 10_000);
        Assert.Equal(expected.PendingLedger, entries);
        var bets = await ledger.ReadRowsAsync(GoldenSession.SessionId, LedgerFilter.All, 0, 10_000);
        Assert.Equal(expected.Engine.State.Stats.BetsPlaced, bets.Count(r => r.BetId is not null));
        Assert.Equal(expected.Engine.State.Balance - expected.Engine.State.StartingBalance, bets.Sum(r => (r.Returned ?? 0m) - (r.Stake ?? 0m)));
    }

    [Fact]
    public void An_ordinary_tick_makes_no_ledger_entry()
    {
        var runner = NewRunner();
        var quiet = GoldenSession.Ticks.Take(2).ToList();

        foreach (var tick in quiet)
        {
            runner.Apply(tick);
        }

        Assert.Empty(runner.PendingLedger);
    }

    private static async Task WriteAsync(InMemorySessionLedger ledger, SessionRunner runner)
    {
        var entries = runner.PendingLedger;
        await ledger.AppendAsync(GoldenSession.SessionId, entries);
        runner.LedgerWritten(entries.Count);
    }

    private static SessionRunner NewRunner(IEnumerable<SessionCommand>? commands = null) =>
        new(GoldenSession.SessionId, GoldenSession.Config, SessionEngine.NewState(GoldenSession.Config), 0, NewOutbox(), commands);

    private static SessionRunner NewRunnerAfterAllTicks()
    {
        var runner = NewRunner();
        foreach (var tick in GoldenSession.Ticks)
        {
            runner.Apply(tick);
        }

        return runner;
    }

    private static SessionOutbox NewOutbox() => new(16, 1 << 16, TimeSpan.FromSeconds(1));
}
