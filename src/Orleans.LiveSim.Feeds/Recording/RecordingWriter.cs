using System.Text.Json;

namespace Orleans.LiveSim.Feeds.Recording;

/// <summary>
/// Appends raw provider messages to a capture in the JSON-lines format <c>{timestamp, event_type, data}</c>,
/// so a live period can be replayed later. Thread-safe (Socket.IO handlers call it from the receive loop).
/// </summary>
public sealed class RecordingWriter(Stream output, bool leaveOpen = false) : IDisposable, IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly MemoryStream _buffer = new(1024);

    /// <summary>Lines written.</summary>
    public long Lines { get; private set; }

    /// <summary>Opens (or creates) <paramref name="path"/> for appending.</summary>
    public static RecordingWriter Append(string path) =>
        new(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read));

    /// <summary>Appends one message; <paramref name="rawData"/> is written as JSON, or as a string when it is not valid JSON.</summary>
    public void Write(DateTimeOffset timestamp, string eventType, string rawData)
    {
        lock (_lock)
        {
            _buffer.SetLength(0);
            using (var json = new Utf8JsonWriter(_buffer))
            {
                json.WriteStartObject();
                json.WriteString("timestamp", RecordingFormat.FormatTimestamp(timestamp));
                json.WriteString("event_type", eventType);
                json.WritePropertyName("data");
                if (IsValidJson(rawData))
                {
                    json.WriteRawValue(rawData, skipInputValidation: true);
                }
                else
                {
                    json.WriteStringValue(rawData);
                }

                json.WriteEndObject();
            }

            _buffer.WriteByte((byte)'\n');
            output.Write(_buffer.GetBuffer(), 0, (int)_buffer.Length);
            Lines++;
        }
    }

    /// <summary>Flushes written lines to the underlying stream.</summary>
    public void Flush()
    {
        lock (_lock)
        {
            output.Flush();
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            output.Flush();
            if (!leaveOpen)
            {
                output.Dispose();
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private static bool IsValidJson(string raw)
    {
        try
        {
            using var _ = JsonDocument.Parse(raw);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
