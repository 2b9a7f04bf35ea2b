using System.Text.Json;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Engine.Configuration;
using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Feeds.Journal;
using Orleans.LiveSim.Grains.Hosting;
using Orleans.LiveSim.Grains.Recordings;

namespace Orleans.LiveSim.Silo.Apis;

/// <summary>
/// Reads a create-session body: <c>feedId</c> (default <c>demo</c>) or <c>source</c> (a replay: of an uploaded recording,
/// <c>{"recordingId", "speed"}</c>, or of a journal range, <c>{"feedId", "fromSeq", "toSeq", "speed"}</c>), plus the
/// engine's <c>strategy</c> / <c>legacyStrategy</c> and <c>startingBalance</c>.
/// Everything is optional; everything present is validated and errors name their field.
/// </summary>
public static class CreateSessionRequest
{
    private static readonly HashSet<string> SourceFields = ["feedId", "recordingId", "fromSeq", "toSeq", "speed"];
    private static readonly HashSet<string> BodyFields = ["feedId", "source", "strategy", "startingBalance", SessionConfigParser.LegacyStrategyProperty];

    public static async Task<(SessionConfig? Config, SessionSource? Source, Dictionary<string, string[]> Errors)> ParseAsync(
        JsonElement body,
        LiveSimOptions options,
        IFeedJournal journal,
        IRecordingStore recordings)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Fail(string field, string message) => errors[field] = [message];

        if (body.ValueKind != JsonValueKind.Object)
        {
            Fail("$", "The body must be a JSON object.");
            return (null, null, errors);
        }

        // A legacy strategy file may be the body itself; its own fields are the engine parser's to check.
        var bodyIsLegacyFile = LegacyStrategyFile.LooksLikeLegacyFile(body);
        if (!bodyIsLegacyFile)
        {
            foreach (var p in body.EnumerateObject().Where(p => !BodyFields.Contains(p.Name)))
            {
                Fail(p.Name, $"is not a known field ({string.Join(", ", BodyFields)}).");
            }
        }

        var (config, configErrors) = SessionConfigParser.Parse(body);
        foreach (var e in configErrors)
        {
            Fail(e.Field, e.Message);
        }

        var feedId = "demo";
        if (body.TryGetProperty("feedId", out var f))
        {
            if (f.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(f.GetString()))
            {
                Fail("feedId", "must be a feed id string.");
            }
            else
            {
                feedId = f.GetString()!;
            }
        }

        SessionSource? source = null;
        // A v2 legacy profile has a "source" of its own (where it came from, e.g. "monte_carlo"): not a replay source.
        if (body.TryGetProperty("source", out var src) && src.ValueKind != JsonValueKind.Null && !(bodyIsLegacyFile && src.ValueKind == JsonValueKind.String))
        {
            source = await ParseReplayAsync(src, feedId, journal, recordings, Fail);
            feedId = source?.FeedId ?? feedId;
        }

        if (source?.RecordingId is null && !options.Feeds.ContainsKey(feedId))
        {
            Fail(source is not null ? "source.feedId" : "feedId", $"'{feedId}' is not a configured feed ({string.Join(", ", options.Feeds.Keys)}).");
        }

        source ??= new SessionSource(feedId, SessionSource.Live);
        source = source with { Provider = source.RecordingId is null ? options.Feeds.GetValueOrDefault(feedId)?.Provider : "recording" };
        return errors.Count > 0 ? (null, null, errors) : (config, source, errors);
    }

    private static async Task<SessionSource?> ParseReplayAsync(JsonElement src, string defaultFeed, IFeedJournal journal, IRecordingStore recordings, Action<string, string> fail)
    {
        if (src.ValueKind != JsonValueKind.Object)
        {
            fail("source", "must be an object: {\"recordingId\", \"speed\"} or {\"feedId\", \"fromSeq\", \"toSeq\", \"speed\"}.");
            return null;
        }

        foreach (var p in src.EnumerateObject().Where(p => !SourceFields.Contains(p.Name)))
        {
            fail($"source.{p.Name}", $"is not a known field ({string.Join(", ", SourceFields)}).");
        }

        var feedId = src.TryGetProperty("feedId", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString()! : defaultFeed;
        string? recordingId = null;
        if (src.TryGetProperty("recordingId", out var r))
        {
            var recording = r.ValueKind == JsonValueKind.String ? await recordings.GetAsync(r.GetString()!) : null;
            if (recording is null)
            {
                fail("source.recordingId", "is not the id of an uploaded recording (see GET /live-sim/recordings).");
                return null;
            }

            if (src.TryGetProperty("feedId", out _))
            {
                fail("source.feedId", "give either recordingId or feedId, not both.");
                return null;
            }

            feedId = recording.FeedId;
            recordingId = recording.RecordingId;
        }

        var last = await journal.GetLastSeqAsync(feedId);
        var from = ReadSeq(src, "fromSeq", fail) ?? 1;
        var to = ReadSeq(src, "toSeq", fail) ?? last;
        if (from > last)
        {
            fail("source.fromSeq", $"must not be beyond the journal's last seq ({last}).");
        }
        else if (to < from)
        {
            fail("source.toSeq", "must not be below fromSeq.");
        }

        string speed = "max";
        if (src.TryGetProperty("speed", out var s))
        {
            if (s.ValueKind == JsonValueKind.String && s.GetString() == "max")
            {
                speed = "max";
            }
            else if (s.ValueKind == JsonValueKind.Number && s.TryGetDecimal(out var x) && x > 0m && x <= 1000m)
            {
                speed = x.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            else
            {
                fail("source.speed", "must be \"max\" or a number in (0, 1000].");
            }
        }

        return new SessionSource(feedId, SessionSource.Replay, from, Math.Min(to, last), speed, recordingId);
    }

    private static long? ReadSeq(JsonElement src, string name, Action<string, string> fail)
    {
        if (!src.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var seq) && seq >= 1)
        {
            return seq;
        }

        fail($"source.{name}", "must be an integer >= 1.");
        return null;
    }
}
