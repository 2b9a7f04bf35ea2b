using Orleans.LiveSim.Abstractions.Sessions;

namespace Orleans.LiveSim.Grains.Sessions;

/// <summary>The session's history and its owner's control over it: pause and resume, the ledger's write point, what a fork starts from.</summary>
public sealed partial class SessionGrain
{
    /// <summary>Most commands a session's log holds; further pauses and resumes are refused (409).</summary>
    public const int MaxCommands = 1000;

    public Task<SessionReply> PauseBettingAsync(Caller caller) => CommandAsync(caller, SessionCommandKind.Pause);

    public Task<SessionReply> ResumeBettingAsync(Caller caller) => CommandAsync(caller, SessionCommandKind.Resume);

    public async Task<ForkSourceReply> GetForkSourceAsync(Caller caller)
    {
        if (await AuthorizeAsync(caller, AccessLevel.Control) is { } denied)
        {
            return new ForkSourceReply(denied.Access, null);
        }

        var startAfter = S.StartAfterSeq ?? Math.Max(0, (S.Source!.FromSeq ?? 1) - 1);
        var source = new ForkSource(S.Config!, S.Source!, startAfter + 1, _runner!.LastSeq, Running, S.Commands, S.OwnerAccountId);
        return new ForkSourceReply(SessionAccess.Ok, source);
    }

    public async Task<LedgerReply> OpenLedgerAsync(Caller caller)
    {
        if (await AuthorizeAsync(caller, AccessLevel.Read) is { } denied)
        {
            return new LedgerReply(denied.Access);
        }

        // Entries written early are written again, identically, if a crash replays them: harmless (SaveAsync).
        await WriteLedgerAsync();
        return new LedgerReply(SessionAccess.Ok, S.Config!.StartingBalance, _runner!.EventSeq);
    }

    /// <summary>
    /// A fork's command log: the commands at or after its start (the first of them are applied at once, at the start), and
    /// whether betting was paused at the start by those before it, which are history the fork does not replay.
    /// </summary>
    private static (bool PausedAtStart, IReadOnlyList<SessionCommand> Commands) InheritedCommands(IReadOnlyList<SessionCommand>? commands, long startAfter)
    {
        if (commands is not { Count: > 0 })
        {
            return (false, []);
        }

        var ordered = commands.OrderBy(c => c.AfterSeq).ToList();
        var paused = ordered.LastOrDefault(c => c.AfterSeq < startAfter)?.Kind == SessionCommandKind.Pause;
        return (paused, [.. ordered.Where(c => c.AfterSeq >= startAfter)]);
    }

    private void ExecuteCommandsAtStart(long startAfter)
    {
        foreach (var command in S.Commands.Where(c => c.AfterSeq == startAfter))
        {
            _runner!.Execute(command.Kind);
        }
    }

    private async Task<SessionReply> CommandAsync(Caller caller, SessionCommandKind kind)
    {
        if (await AuthorizeAsync(caller, AccessLevel.Control) is { } denied)
        {
            return denied;
        }

        if (!Running || S.Commands.Count >= MaxCommands)
        {
            return new SessionReply(SessionAccess.Conflict, await ViewAsync());
        }

        // Takes effect after the last applied entry, which the log records, so a replay or a fork applies it at the same seq.
        if (_runner!.Execute(kind))
        {
            stored.State = S with { Commands = [.. S.Commands, new SessionCommand(kind, _runner.LastSeq, time.GetUtcNow())] };
            _outbox.Flush();
            await SaveAsync();
        }

        return new SessionReply(SessionAccess.Ok, await ViewAsync());
    }

    private async Task WriteLedgerAsync()
    {
        var entries = _runner!.PendingLedger;
        if (entries.Count > 0)
        {
            await ledger.AppendAsync(Id, entries);
            _runner.LedgerWritten(entries.Count);
        }
    }

    private SessionMode CurrentMode => _driver is CatchUpDriver { CaughtUp: false } ? SessionMode.Replay : S.Source!.Mode;

    private static LiveDriver? LiveDriverOf(ISessionDriver? driver) => driver switch
    {
        LiveDriver live => live,
        CatchUpDriver catchUp => catchUp.Live,
        _ => null,
    };
}
