using Microsoft.Extensions.Options;
using Orleans.LiveSim.Abstractions;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Abstractions.Storage;
using Orleans.LiveSim.Abstractions.Sweeps;

namespace Orleans.LiveSim.Grains.Sweeps;

/// <summary>
/// One parameter sweep. It creates one ordinary session per variant (id <c>{sweepId}-{index}</c>, the sweep's owner and
/// token), a batch per timer step: a replay sweep keeps at most <see cref="SweepOptions.MaxRunningReplays"/> running,
/// a live sweep starts them all at the seq it chose, so every variant sees the same ticks. The variants report to it
/// (<see cref="SweepReporter"/>); it ranks them (<see cref="SweepTable"/>) and completes once every replay variant ended.
/// Its read-only viewer tokens: SweepGrain.Viewers.cs.
/// </summary>
public sealed partial class SweepGrain(
    [PersistentState("sweep", LiveSimConstants.StorageName)] IPersistentState<StoredSweep> stored,
    TimeProvider time,
    IOptions<SweepOptions> options) : Grain, ISweepGrain
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);
    private SweepTable? _table;
    private IGrainTimer? _timer;
    private long _lastSave;
    private bool _dirty;
    private bool _caughtUp;

    private string Id => this.GetPrimaryKeyString();

    private StoredSweep S => stored.State;

    private Caller Owner => Caller.WithToken(S.AccessTokenHash);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!S.Exists)
        {
            return Task.CompletedTask;
        }

        _table = new SweepTable(S);
        if (S.Status == SweepStatus.Running)
        {
            // The variants are asked where they stand on the first timer step (CatchUpAsync), not here: a variant asking this
            // sweep about a viewer token would wait for this activation, and this activation for that variant.
            StartTimer();
        }

        return Task.CompletedTask;
    }

    public async Task<SweepReply> CreateAsync(CreateSweepCommand command)
    {
        if (S.Exists)
        {
            return SweepReply.Denied(SessionAccess.Conflict);
        }

        stored.State = new StoredSweep
        {
            BaseConfig = command.BaseConfig,
            Source = command.Source,
            Grid = command.Grid,
            Metric = command.Metric,
            AccessTokenHash = command.AccessTokenHash,
            OwnerAccountId = command.OwnerAccountId,
            CreatedAt = command.CreatedAt,
            Variants = checked((int)SweepGrid.Count(command.Grid)),
        };
        _table = new SweepTable(S);
        _caughtUp = true;
        await SaveAsync();
        StartTimer();
        return new SweepReply(SessionAccess.Ok, View(5));
    }

    public Task<SweepReply> GetAsync(Caller caller, int top) =>
        Task.FromResult(Authorize(caller, AccessLevel.Read) is { } denied ? SweepReply.Denied(denied) : new SweepReply(SessionAccess.Ok, View(top)));

    public Task<SweepVariantsReply> GetVariantsAsync(Caller caller) => Task.FromResult(
        Authorize(caller, AccessLevel.Read) is { } denied
            ? new SweepVariantsReply(denied, [], [])
            : new SweepVariantsReply(SessionAccess.Ok, [.. _table!.Ranked.Select((r, i) => SweepVariantView.From(i + 1, r, S.Grid, S.Metric))], S.Grid));

    public async Task<SweepReply> StopAsync(Caller caller)
    {
        if (Authorize(caller, AccessLevel.Control) is { } denied)
        {
            return SweepReply.Denied(denied);
        }

        if (S.Status == SweepStatus.Running)
        {
            _timer?.Dispose();
            // The final views are the variants' last reports: take them here, so the stored table is final too.
            await ForEachVariantAsync(Enumerable.Range(0, S.Created).Where(i => !_table!.HasEnded(i)), async (session, _) =>
            {
                if ((await session.StopAsync(Owner)).View is { } view)
                {
                    _table!.Take(VariantResultOf(view));
                }
            });
            await EndAsync(SweepStatus.Stopped);
        }

        return new SweepReply(SessionAccess.Ok, View(5));
    }

    public async Task<SessionAccess> DeleteAsync(Caller caller)
    {
        if (Authorize(caller, AccessLevel.Control) is { } denied)
        {
            return denied;
        }

        _timer?.Dispose();
        await ForEachVariantAsync(Enumerable.Range(0, S.Created), async (session, _) => await session.DeleteAsync(Owner));
        await stored.ClearStateAsync();
        _table = null;
        DeactivateOnIdle();
        return SessionAccess.Ok;
    }

    public async Task ReportAsync(VariantResult result)
    {
        if (_table is null || !_table.Take(result))
        {
            return;
        }

        _dirty = true;
        await CompleteIfDoneAsync();
    }

    private async Task CompleteIfDoneAsync()
    {
        if (S.Status == SweepStatus.Running && !S.Source!.IsLive && S.Created == S.Variants && _table!.Ended == S.Variants)
        {
            await EndAsync(SweepStatus.Completed);
        }
    }

    private void StartTimer() =>
        _timer = this.RegisterGrainTimer(StepAsync, new GrainTimerCreationOptions(TimeSpan.Zero, Step) { KeepAlive = true });

    /// <summary>Creates the next batch of variants, and stores the reports now and then.</summary>
    private async Task StepAsync(CancellationToken cancellationToken)
    {
        if (!_caughtUp)
        {
            await CatchUpAsync();
            if (S.Status != SweepStatus.Running)
            {
                return;
            }
        }

        var o = options.Value;
        var room = S.Source!.IsLive ? int.MaxValue : o.MaxRunningReplays - (S.Created - _table!.Ended);
        var count = Math.Min(Math.Min(o.CreateBatch, room), S.Variants - S.Created);
        if (count > 0)
        {
            var first = S.Created;
            await ForEachVariantAsync(Enumerable.Range(first, count), CreateVariantAsync);
            stored.State = S with { Created = first + count };
            _dirty = true;
        }

        if (_dirty && time.GetElapsedTime(_lastSave) >= o.SaveInterval)
        {
            await SaveAsync();
        }
    }

    /// <summary>After a reactivation: reports sent while this grain was down are lost, so ask the variants that have not ended where they stand.</summary>
    private async Task CatchUpAsync()
    {
        await ForEachVariantAsync(Enumerable.Range(0, S.Created).Where(i => !_table!.HasEnded(i)), async (session, _) =>
        {
            if ((await session.GetAsync(Owner)).View is { } view && _table!.Take(VariantResultOf(view)))
            {
                _dirty = true;
            }
        });
        _caughtUp = true;
        await CompleteIfDoneAsync();
    }

    private async Task CreateVariantAsync(ISessionGrain session, int index)
    {
        var config = S.BaseConfig! with { Parameters = SweepGrid.Parameters(S.BaseConfig!.Parameters, S.Grid, index) };
        // Conflict means it was created before this grain last stored its progress: that variant runs already.
        await session.CreateAsync(new CreateSessionCommand(config, S.Source!, S.AccessTokenHash, time.GetUtcNow(), S.OwnerAccountId, Sweep: new SweepMembership(Id, index)));
    }

    private async Task EndAsync(SweepStatus status)
    {
        _timer?.Dispose();
        stored.State = S with { Status = status, EndedAt = time.GetUtcNow() };
        await SaveAsync();
    }

    private async Task SaveAsync()
    {
        stored.State = S with { Results = _table!.Results };
        await stored.WriteStateAsync();
        (_lastSave, _dirty) = (time.GetTimestamp(), false);
    }

    /// <summary>Calls the sessions of <paramref name="indexes"/>, a batch at a time.</summary>
    private async Task ForEachVariantAsync(IEnumerable<int> indexes, Func<ISessionGrain, int, Task> call)
    {
        foreach (var batch in indexes.Chunk(options.Value.CreateBatch))
        {
            await Task.WhenAll(batch.Select(i => call(GrainFactory.GetGrain<ISessionGrain>(SweepMembership.SessionIdOf(Id, i)), i)));
        }
    }

    /// <summary>Null when <paramref name="caller"/> may do what needs <paramref name="needed"/>, else the refusal (401 without access, 403 for a viewer).</summary>
    private SessionAccess? Authorize(Caller caller, AccessLevel needed)
    {
        if (!S.Exists)
        {
            DeactivateOnIdle();
            return SessionAccess.NotFound;
        }

        var level = S.AccessFor(caller);
        return level >= needed ? null : level == AccessLevel.None ? SessionAccess.Unauthorized : SessionAccess.Forbidden;
    }

    private SweepView View(int top)
    {
        var t = _table!;
        var source = S.Source!;
        var startAfter = (source.FromSeq ?? 1) - 1;
        long? range = source.IsLive ? null : source.ToSeq - startAfter;
        var done = t.Applied(startAfter, range);
        var elapsed = (time.GetUtcNow() - S.CreatedAt).TotalSeconds;
        double? eta = range is not { } r || S.Status != SweepStatus.Running ? null
            : done == 0 ? null
            : Math.Round(elapsed * ((double)r * S.Variants - done) / done, 1);
        var ranked = t.Ranked;
        var n = Math.Min(top, ranked.Count);
        var bottomFrom = Math.Max(n, ranked.Count - n);
        return new SweepView(
            Id,
            S.Status,
            S.CreatedAt,
            S.EndedAt,
            source,
            new StrategyView(S.BaseConfig!.StrategyId, S.BaseConfig.Parameters, S.BaseConfig.Name, S.BaseConfig.LegacyFormat),
            S.BaseConfig.StartingBalance,
            S.Grid,
            S.Metric,
            new SweepProgress(S.Variants, S.Created, t.Reported, t.Ended, t.Applied(startAfter), range * S.Variants, eta),
            [.. ranked.Take(n).Select((r, i) => SweepVariantView.From(i + 1, r, S.Grid, S.Metric))],
            [.. ranked.Skip(bottomFrom).Select((r, i) => SweepVariantView.From(bottomFrom + i + 1, r, S.Grid, S.Metric))],
            t.TableHash,
            t.UpdateSeq);
    }

    private static VariantResult VariantResultOf(SessionView view) =>
        new(int.Parse(view.Id[(view.Id.LastIndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture), view.Id, view.Status, view.StatusReason, view.Connection.LastSeq,
            new VariantStats(view.Stats.TicksProcessed, view.Stats.GamesSeen, view.Stats.BetsPlaced, view.Stats.BetsWon, view.Stats.BetsLost, view.Stats.BetsVoided, view.Stats.TotalWagered,
                view.Stats.NetPnl, view.Stats.RoiPct, view.Stats.SharpeRatio, view.Stats.MaxDrawdownPct, view.Stats.WinRatePct, view.Stats.ProfitFactor, view.Wallet.Equity),
            view.StateHash);
}
