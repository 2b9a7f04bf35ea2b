using Orleans.LiveSim.Abstractions.Feeds;
using Orleans.LiveSim.Engine.Ticks;
using Orleans.LiveSim.Feeds.Integrity;

namespace Orleans.LiveSim.Feeds.Provider;

/// <summary>
/// Normalizer and integrity checker of one provider feed, as every provider source (live or recorded) runs them,
/// so the same messages give the same entries and counters whichever way they arrive. Not thread-safe.
/// </summary>
public sealed class ProviderFeedProcessor(string feedId, ProviderNormalizerOptions? normalizerOptions = null, IntegrityOptions? integrityOptions = null)
{
    private readonly List<ProviderObservation> _observations = [];

    /// <summary>The normalizer (quarantine, message counters).</summary>
    public ProviderNormalizer Normalizer { get; } = new(normalizerOptions);

    /// <summary>The integrity checker (tick counters, stale detection).</summary>
    public IntegrityChecker Checker { get; } = new(feedId, integrityOptions);

    /// <summary>Feed id stamped on every entry.</summary>
    public string FeedId => Checker.FeedId;

    /// <summary>Counters of both stages (<see cref="FeedCounters.Reconnects"/> and <see cref="FeedCounters.Dropped"/> are the source's).</summary>
    public FeedCounters Counters => new()
    {
        Messages = Normalizer.Messages,
        Malformed = Normalizer.Malformed,
        PartialUpdates = Normalizer.PartialUpdates,
        ListPayloads = Normalizer.ListPayloads,
        Ignored = Normalizer.Ignored,
        Ticks = Checker.Ticks,
        Gaps = Checker.Gaps,
        GapsRepaired = Checker.GapsRepaired,
        Duplicates = Checker.Duplicates,
        OutOfOrder = Checker.OutOfOrder,
        Reconciled = Checker.Reconciled,
        Unreconciled = Checker.Unreconciled,
        Stale = Checker.Stale,
    };

    /// <summary>Processes one raw message; appends the accepted entries (with <c>Seq = 0</c>) to <paramref name="into"/>.</summary>
    public void Process(string eventName, string rawPayload, DateTimeOffset receivedAt, List<FeedTick> into)
    {
        _observations.Clear();
        if (Normalizer.Normalize(eventName, rawPayload, receivedAt, _observations))
        {
            foreach (var observation in _observations)
            {
                Checker.Apply(observation, into);
            }
        }
    }

    /// <summary>Counts and quarantines something that could not be framed as a message at all.</summary>
    public void ReportMalformed(string eventName, string raw, DateTimeOffset receivedAt, string reason) =>
        Normalizer.ReportMalformed(eventName, raw, receivedAt, reason);
}
