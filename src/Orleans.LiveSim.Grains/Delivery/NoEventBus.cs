using Orleans.LiveSim.Abstractions.Sessions;

namespace Orleans.LiveSim.Grains.Delivery;

/// <summary>No bus configured (the embedded default): nothing is published and sessions cannot enable one.</summary>
public sealed class NoEventBus : IEventBus
{
    public bool Enabled => false;

    public BusCursor Open(string sessionId, string? accountId) => new(sessionId, BusSubjects.Prefix(accountId, sessionId));

    public void Release(BusCursor cursor)
    {
    }

    public int Offer(BusCursor cursor, int epoch, IReadOnlyList<SessionEventEnvelope> events, int start) => 0;

    public Task<long?> LastPublishedAsync(BusCursor cursor, CancellationToken cancellationToken) => Task.FromResult<long?>(null);
}
