using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Engine.Configuration;
using Orleans.LiveSim.Feeds.Journal;

namespace Orleans.LiveSim.Grains.Sessions;

/// <summary>
/// Drives a live session that starts in the past (a fork of a live session): a <see cref="ReplayDriver"/> reads the
/// journal at full speed from where the session is; once it has read all the journal holds, the session subscribes to its
/// fan-out shard (<see cref="LiveDriver"/>). The journal is appended before the feed publishes, so whatever arrived in
/// between comes as a hole before the next batch, or is read right after subscribing, from the journal: the seqs stay
/// contiguous, and entries at or below the last applied seq are never applied again.
/// </summary>
public sealed class CatchUpDriver : ISessionDriver
{
    private readonly ReplayDriver _replay;
    private readonly LiveDriver _live;
    private readonly IDriverHost _host;

    public CatchUpDriver(SessionSource source, LiveDriver live, SessionRunner runner, IFeedJournal journal, ReplaySettings settings, TimeProvider time, IDriverHost host)
    {
        _live = live;
        _host = host;
        var journalToNow = source with { Mode = SessionMode.Replay, ToSeq = null, Speed = ReplaySpeed.Max };
        _replay = new ReplayDriver(journalToNow, runner, journal, settings, time, host, SwitchToLiveAsync);
    }

    /// <summary>The live shard: the session is indexed there from the start, so a restart finds it either way.</summary>
    public int Shard => _live.Shard;

    /// <summary>The replay's write cadence while it catches up, the live one after.</summary>
    public int PersistEveryTicks => CaughtUp ? _live.PersistEveryTicks : _replay.PersistEveryTicks;

    /// <summary>Whether it has caught up and follows the feed live now.</summary>
    public bool CaughtUp { get; private set; }

    /// <summary>The live driver, once caught up (batches before that are left to the replay, which reads them from the journal).</summary>
    public LiveDriver? Live => CaughtUp ? _live : null;

    public Task StartAsync() => _replay.StartAsync();

    public async Task StopAsync()
    {
        await _replay.StopAsync();
        await _live.StopAsync();
    }

    private async Task SwitchToLiveAsync()
    {
        await _replay.StopAsync();
        CaughtUp = true;
        await _live.StartAsync();
        // What the feed published between the last journal read and the subscription comes as a hole before the next
        // batch; a feed that publishes nothing more (a recording at its end) sends no next batch, so read it now.
        if (await _live.BackfillToJournalEndAsync() is var applied and > 0)
        {
            await _host.AppliedAsync(applied);
        }
    }
}
