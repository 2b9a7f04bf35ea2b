using Orleans.LiveSim.Abstractions.Feeds;

namespace Orleans.LiveSim.Abstractions.Recordings;

/// <summary>An uploaded capture: what it contains, and the journal feed its ticks were imported into.</summary>
/// <param name="RecordingId">Id (also names the journal feed <c>recording-{id}</c>).</param>
/// <param name="Name">Name given at upload, if any.</param>
/// <param name="CreatedAt">When it was uploaded.</param>
/// <param name="Bytes">Size of the capture.</param>
/// <param name="Messages">Provider messages in it.</param>
/// <param name="Ticks">Entries it yields (ticks, repaired ticks and gap markers) after normalization and integrity checks.</param>
/// <param name="Rounds">Rounds seen.</param>
/// <param name="Counters">Integrity counters of the capture.</param>
/// <param name="Content">What the ticks are: <c>messages</c> (the capture's own messages, through the live pipeline) or
/// <c>history</c> (the completed rounds its <c>gameHistory</c> lists).</param>
/// <param name="OwnerAccountId">The account whose API key uploaded it; null for an anonymous upload (visible to everyone).</param>
public sealed record RecordingInfo(
    string RecordingId,
    string? Name,
    DateTimeOffset CreatedAt,
    long Bytes,
    long Messages,
    long Ticks,
    long Rounds,
    FeedCounters Counters,
    string Content = RecordingInfo.ContentMessages,
    string? OwnerAccountId = null)
{
    public const string ContentMessages = "messages";
    public const string ContentHistory = "history";

    public const string FeedPrefix = "recording-";

    /// <summary>Whether <paramref name="feedId"/> is the journal feed of a recording (not a live feed).</summary>
    public static bool IsRecordingFeed(string feedId) => feedId.StartsWith(FeedPrefix, StringComparison.Ordinal);

    /// <summary>The journal feed holding the recording's entries, seq 1..<see cref="Ticks"/>.</summary>
    public string FeedId => FeedPrefix + RecordingId;
}
