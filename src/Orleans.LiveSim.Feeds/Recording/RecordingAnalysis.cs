using Orleans.LiveSim.Abstractions.Feeds;

namespace Orleans.LiveSim.Feeds.Recording;

/// <summary>What a capture contains once normalized and checked.</summary>
/// <param name="Messages">Messages (non-blank lines) in the capture.</param>
/// <param name="Ticks">Feed entries of kind tick it yields.</param>
/// <param name="Rounds">Distinct rounds (game ids) among them.</param>
/// <param name="Counters">Integrity counters of the whole capture.</param>
public sealed record RecordingAnalysis(long Messages, long Ticks, long Rounds, FeedCounters Counters);
