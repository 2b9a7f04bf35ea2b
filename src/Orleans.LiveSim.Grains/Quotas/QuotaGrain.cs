using Microsoft.Extensions.Options;
using Orleans.LiveSim.Abstractions;
using Orleans.LiveSim.Abstractions.Ports;
using Orleans.LiveSim.Abstractions.Quotas;
using Orleans.LiveSim.Abstractions.Sessions;

namespace Orleans.LiveSim.Grains.Quotas;

/// <summary>
/// One owner's quotas (<see cref="IQuotaGrain"/>). The slots are stored, and reconciled when the grain activates and
/// before it refuses anything (at most every <see cref="ReconcileEvery"/>): the truth is the session catalog (sessions not
/// ended; each is asked to resume, which corrects its entry if a crash ended it without updating it, in time for the next
/// reconciliation) and the recording store, plus reservations younger than <see cref="QuotaOptions.ReservationGrace"/> whose session or
/// recording is still being made.
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

    public async Task<QuotaDecision> ReserveSessionAsync(string sessionId)
    {
        if (S.Sessions.ContainsKey(sessionId))
        {
            return QuotaDecision.Grant;
        }

        var max = Quota.Limits.RunningSessions;
        if (S.Sessions.Count >= max)
        {
            await ReconcileUnlessRecentAsync();
            if (S.Sessions.Count >= max)
            {
                return new QuotaDecision(false, $"{Quota.Section}:RunningSessions", max, S.Sessions.Count);
            }
        }

        S.Sessions[sessionId] = time.GetUtcNow();
        await stored.WriteStateAsync();
        return QuotaDecision.Grant;
    }

    public async Task ReleaseSessionAsync(string sessionId)
    {
        if (S.Sessions.Remove(sessionId))
        {
            await stored.WriteStateAsync();
        }
    }

    public async Task<QuotaDecision> ReserveRecordingAsync(string recordingId, long bytes)
    {
        if (S.Recordings.ContainsKey(recordingId))
        {
            return QuotaDecision.Grant;
        }

        if (Refusal(bytes) is not null)
        {
            await ReconcileUnlessRecentAsync();
            if (Refusal(bytes) is { } refused)
            {
                return refused;
            }
        }

        S.Recordings[recordingId] = new RecordingSlot(bytes, time.GetUtcNow());
        await stored.WriteStateAsync();
        return QuotaDecision.Grant;
    }

    public async Task ReleaseRecordingAsync(string recordingId)
    {
        if (S.Recordings.Remove(recordingId))
        {
            await stored.WriteStateAsync();
        }
    }

    public Task<QuotaUsage> GetUsageAsync()
    {
        var limits = Quota.Limits;
        return Task.FromResult(new QuotaUsage(
            S.Sessions.Count, limits.RunningSessions, S.Recordings.Count, limits.Recordings, S.Recordings.Values.Sum(r => r.Bytes), limits.RecordingBytes));
    }

    private QuotaDecision? Refusal(long bytes)
    {
        var (limits, section) = Quota;
        var used = S.Recordings.Values.Sum(r => r.Bytes);
        return S.Recordings.Count >= limits.Recordings ? new QuotaDecision(false, $"{section}:Recordings", limits.Recordings, S.Recordings.Count)
            : used + bytes > limits.RecordingBytes ? new QuotaDecision(false, $"{section}:RecordingBytes", limits.RecordingBytes, used)
            : null;
    }

    private Task ReconcileUnlessRecentAsync() =>
        !_asked && time.GetUtcNow() - _reconciledAt < ReconcileEvery ? Task.CompletedTask : ReconcileAsync();

    private async Task ReconcileAsync()
    {
        var now = time.GetUtcNow();
        var active = await ActiveSessionsAsync();
        // Resuming a session corrects its catalog entry if it ended without saying so (a crash in between). Not awaited:
        // a session that ends awaits this grain (ReleaseSessionAsync), and the two must never wait on each other.
        foreach (var id in active)
        {
            GrainFactory.GetGrain<ISessionGrain>(id).ResumeAsync().Ignore();
        }

        // The answers count from the next reconciliation on, which the next refusal then runs at once (but only once).
        _asked = active.Count > 0 && !_asked;

        var sessions = active.ToDictionary(id => id, id => S.Sessions.GetValueOrDefault(id, now), StringComparer.Ordinal);
        foreach (var (id, at) in S.Sessions)
        {
            if (!sessions.ContainsKey(id) && now - at < options.Value.ReservationGrace && await catalog.GetAsync(id) is null)
            {
                sessions[id] = at;
            }
        }

        var held = (await recordings.ListAsync(OwnerFilter.Of(AccountId))).ToDictionary(r => r.RecordingId, r => new RecordingSlot(r.Bytes, S.Recordings.GetValueOrDefault(r.RecordingId)?.ReservedAt ?? now), StringComparer.Ordinal);
        foreach (var (id, slot) in S.Recordings)
        {
            if (!held.ContainsKey(id) && now - slot.ReservedAt < options.Value.ReservationGrace && await recordings.GetAsync(id) is null)
            {
                held[id] = slot;
            }
        }

        S.Sessions = sessions;
        S.Recordings = held;
        _reconciledAt = now;
        await stored.WriteStateAsync();
    }

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
