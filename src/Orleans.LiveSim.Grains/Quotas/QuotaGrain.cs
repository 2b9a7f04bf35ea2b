using Microsoft.Extensions.Options;
using Orleans.LiveSim.Abstractions;
using Orleans.LiveSim.Abstractions.Ports;
using Orleans.LiveSim.Abstractions.Quotas;
using Orleans.LiveSim.Abstractions.Sessions;

namespace Orleans.LiveSim.Grains.Quotas;

/// <summary>
/// One owner's quotas (<see cref="IQuotaGrain"/>). The slots are stored, and reconciled when the grain activates and
/// before it refuses anything (at most every <see cref="ReconcileEvery"/>): the truth of each kind is where its items live
/// (sessions not ended in the session catalog, each asked to resume, which corrects its entry if a crash ended it without
/// updating it, in time for the next reconciliation; recordings in the recording store), plus reservations younger than
/// <see cref="QuotaOptions.ReservationGrace"/> whose item is still being made.
/// </summary>
public sealed class QuotaGrain(
    [PersistentState("quota", LiveSimConstants.StorageName)] IPersistentState<QuotaState> stored,
    ISessionCatalog catalog,
    IRecordingStore recordings,
    IOptions<QuotaOptions> options,
    TimeProvider time) : Grain, IQuotaGrain
{
    /// <summary>Least time between two reconciliations before a refusal.</summary>
    public static readonly TimeSpan ReconcileEvery = TimeSpan.FromSeconds(10);

    private DateTimeOffset _reconciledAt;

    // Sessions asked to correct their entries: the next refusal reconciles again, however soon, to see what they said.
    private bool _asked;

    private string? AccountId => QuotaKeys.AccountOf(this.GetPrimaryKeyString());

    private QuotaState S => stored.State;

    private (QuotaLimits Limits, string Section) Quota => options.Value.For(AccountId);

    public override Task OnActivateAsync(CancellationToken cancellationToken) => ReconcileAsync();

    public async Task<QuotaDecision> ReserveAsync(QuotaKind kind, IReadOnlyList<QuotaClaim> claims)
    {
        var slots = S.Of(kind);
        // Ids already held count once: a retried reservation is granted again without taking more room.
        var fresh = claims.Where(c => !slots.ContainsKey(c.ItemId)).DistinctBy(c => c.ItemId).ToArray();
        if (fresh.Length == 0)
        {
            return QuotaDecision.Grant;
        }

        if (Refusal(kind, fresh) is not null)
        {
            await ReconcileUnlessRecentAsync();
            if (Refusal(kind, fresh) is { } refused)
            {
                return refused;
            }
        }

        var now = time.GetUtcNow();
        foreach (var claim in fresh)
        {
            slots[claim.ItemId] = new QuotaSlot(claim.Bytes, now);
        }

        await stored.WriteStateAsync();
        return QuotaDecision.Grant;
    }

    public async Task ReleaseAsync(QuotaKind kind, IReadOnlyList<string> itemIds)
    {
        var slots = S.Of(kind);
        var removed = false;
        foreach (var id in itemIds)
        {
            removed |= slots.Remove(id);
        }

        if (removed)
        {
            await stored.WriteStateAsync();
        }
    }

    public Task<QuotaUsage> GetUsageAsync()
    {
        var limits = Quota.Limits;
        var sessions = S.Of(QuotaKind.RunningSessions);
        var held = S.Of(QuotaKind.Recordings);
        return Task.FromResult(new QuotaUsage(
            sessions.Count, limits.RunningSessions, held.Count, limits.Recordings, held.Values.Sum(r => r.Bytes), limits.RecordingBytes));
    }

    /// <summary>The limit that <paramref name="fresh"/> would exceed (its count first, then its bytes), or null.</summary>
    private QuotaDecision? Refusal(QuotaKind kind, IReadOnlyCollection<QuotaClaim> fresh)
    {
        var (limits, section) = Quota;
        var slots = S.Of(kind);
        var (maxCount, countName) = limits.CountOf(kind);
        if (slots.Count + fresh.Count > maxCount)
        {
            return new QuotaDecision(false, $"{section}:{countName}", maxCount, slots.Count);
        }

        var used = slots.Values.Sum(s => s.Bytes);
        return limits.BytesOf(kind) is var (maxBytes, bytesName) && used + fresh.Sum(c => c.Bytes) > maxBytes
            ? new QuotaDecision(false, $"{section}:{bytesName}", maxBytes, used)
            : null;
    }

    private Task ReconcileUnlessRecentAsync() =>
        !_asked && time.GetUtcNow() - _reconciledAt < ReconcileEvery ? Task.CompletedTask : ReconcileAsync();

    private async Task ReconcileAsync()
    {
        var now = time.GetUtcNow();
        foreach (var kind in Enum.GetValues<QuotaKind>())
        {
            var slots = S.Of(kind);
            var truth = await HeldAsync(kind);
            var reconciled = truth.ToDictionary(t => t.Key, t => new QuotaSlot(t.Value, slots.GetValueOrDefault(t.Key)?.ReservedAt ?? now), StringComparer.Ordinal);
            foreach (var (id, slot) in slots)
            {
                if (!reconciled.ContainsKey(id) && now - slot.ReservedAt < options.Value.ReservationGrace && !await ExistsAsync(kind, id))
                {
                    reconciled[id] = slot;
                }
            }

            S.Held[kind] = reconciled;
        }

        _reconciledAt = now;
        await stored.WriteStateAsync();
    }

    /// <summary>The items of <paramref name="kind"/> the owner holds now, with their bytes, from where they live.</summary>
    private async Task<Dictionary<string, long>> HeldAsync(QuotaKind kind)
    {
        switch (kind)
        {
            case QuotaKind.RunningSessions:
                var active = await ActiveSessionsAsync();
                // Resuming a session corrects its catalog entry if it ended without saying so (a crash in between). Not
                // awaited: a session that ends awaits this grain (ReleaseAsync), and the two must never wait on each other.
                foreach (var id in active)
                {
                    GrainFactory.GetGrain<ISessionGrain>(id).ResumeAsync().Ignore();
                }

                // The answers count from the next reconciliation on, which the next refusal then runs at once (but only once).
                _asked = active.Count > 0 && !_asked;
                return active.ToDictionary(id => id, _ => 0L, StringComparer.Ordinal);
            case QuotaKind.Recordings:
                return (await recordings.ListAsync(OwnerFilter.Of(AccountId))).ToDictionary(r => r.RecordingId, r => r.Bytes, StringComparer.Ordinal);
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "No such quota.");
        }
    }

    /// <summary>Whether an item exists (then it is no longer a reservation in progress: it is counted, or it ended).</summary>
    private async Task<bool> ExistsAsync(QuotaKind kind, string id) => kind switch
    {
        QuotaKind.RunningSessions => await catalog.GetAsync(id) is not null,
        QuotaKind.Recordings => await recordings.GetAsync(id) is not null,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No such quota."),
    };

    private async Task<List<string>> ActiveSessionsAsync()
    {
        var ids = new List<string>();
        while (true)
        {
            var page = await catalog.ListAsync(new SessionCatalogQuery(OwnerFilter.Of(AccountId), 1000, ids.LastOrDefault(), Ended: false));
            ids.AddRange(page.Select(e => e.SessionId));
            if (page.Count < 1000)
            {
                return ids;
            }
        }
    }
}
