using System.Globalization;
using System.Text.Json;
using Orleans.LiveSim.Engine.Ticks;
using Orleans.LiveSim.Feeds.Provider;

namespace Orleans.LiveSim.Feeds.Recording;

/// <summary>The capture format: JSON lines <c>{timestamp, event_type, data}</c>, timestamps ISO 8601 without offset = UTC.</summary>
public static class RecordingFormat
{
    /// <summary>Event name under which unreadable lines are quarantined.</summary>
    public const string LineEventName = "(line)";

    /// <summary>Reads one line; false with a reason when it is not a capture line.</summary>
    public static bool TryParseLine(string line, out RecordedMessage? message, out string? error)
    {
        message = null;
        error = null;
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "line is not a JSON object";
                return false;
            }

            if (!root.TryGetProperty("timestamp", out var ts) || ts.ValueKind != JsonValueKind.String
                || !DateTimeOffset.TryParse(ts.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var timestamp))
            {
                error = "timestamp is missing or not an ISO 8601 time";
                return false;
            }

            if (!root.TryGetProperty("event_type", out var eventType) || eventType.ValueKind != JsonValueKind.String)
            {
                error = "event_type is missing or not a string";
                return false;
            }

            if (!root.TryGetProperty("data", out var data))
            {
                error = "data is missing";
                return false;
            }

            message = new RecordedMessage(timestamp, eventType.GetString()!, data.GetRawText());
            return true;
        }
        catch (JsonException ex)
        {
            error = "not JSON: " + ex.Message;
            return false;
        }
    }

    /// <summary>Feeds one capture line through <paramref name="processor"/>; blank lines are skipped.</summary>
    /// <returns>The line's timestamp, or null when it was blank or unreadable.</returns>
    public static DateTimeOffset? ProcessLine(ProviderFeedProcessor processor, string line, DateTimeOffset fallbackTime, List<FeedTick> into)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return null;
        }

        if (!TryParseLine(line, out var message, out var error))
        {
            processor.ReportMalformed(LineEventName, line, fallbackTime, error!);
            return null;
        }

        processor.Process(message!.EventType, message.RawData, message.Timestamp, into);
        return message.Timestamp;
    }

    /// <summary>Formats a timestamp as the capture does (UTC, microseconds, no offset).</summary>
    public static string FormatTimestamp(DateTimeOffset timestamp) =>
        timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
}
