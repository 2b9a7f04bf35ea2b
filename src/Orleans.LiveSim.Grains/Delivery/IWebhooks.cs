using Orleans.LiveSim.Abstractions.Delivery;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Abstractions.Storage;

namespace Orleans.LiveSim.Grains.Delivery;

/// <summary>The per-silo webhook sender: one channel per registered webhook of an active session.</summary>
public interface IWebhooks
{
    /// <summary>Starts delivering to a webhook what <see cref="IWebhookChannel.Offer"/> is given, in that order.</summary>
    IWebhookChannel Open(string sessionId, StoredWebhook webhook);
}

/// <summary>One webhook's ordered, bounded delivery queue with retries, and its recent delivery log.</summary>
public interface IWebhookChannel : IDisposable
{
    /// <summary>Queues an event (in eventSeq order); when the queue is full the event is logged as dropped.</summary>
    void Offer(SessionEventEnvelope e);

    /// <summary>The newest deliveries, oldest first.</summary>
    IReadOnlyList<WebhookDelivery> Deliveries();
}
