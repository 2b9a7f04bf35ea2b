using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orleans.LiveSim.Abstractions.Sessions;

/// <summary>
/// One outbound session event, already serialized once by the session: <see cref="Utf8"/> is the whole event object
/// (type, schemaVersion, sessionId, eventSeq, feedSeq, body) as UTF-8 JSON, so every client of every front silo, the
/// bus and webhooks send the same bytes without encoding it again. Never mutate <see cref="Utf8"/>: it is shared.
/// </summary>
/// <remarks>
/// UTF-8 rather than a string because a watched session keeps its newest events for resumes and sends every one to
/// the front silos: half the bytes of UTF-16, and no per-client transcoding on the way out (issue 12 item 3). Stored
/// state (the bus outbox) keeps its old shape, <c>{"eventSeq":..,"type":..,"json":"..."}</c>, through
/// <see cref="SessionEventEnvelopeJsonConverter"/>.
/// </remarks>
[GenerateSerializer]
[Immutable]
[Alias("livesim.SessionEventEnvelope")]
[JsonConverter(typeof(SessionEventEnvelopeJsonConverter))]
public sealed record SessionEventEnvelope(
    [property: Id(0)] long EventSeq,
    [property: Id(1)] string Type,
    [property: Id(2)] byte[] Utf8)
{
    /// <summary>An envelope of JSON text (tests and stored state; sessions write UTF-8 directly).</summary>
    public SessionEventEnvelope(long eventSeq, string type, string json)
        : this(eventSeq, type, Encoding.UTF8.GetBytes(json))
    {
    }

    /// <summary>The event as JSON text, decoded on each call (for logs, tests and stored state, not the delivery path).</summary>
    public string Json => Encoding.UTF8.GetString(Utf8);
}

/// <summary>Reads and writes an envelope as <c>{"eventSeq":..,"type":..,"json":"..."}</c>, the stored shape of the bus outbox.</summary>
public sealed class SessionEventEnvelopeJsonConverter : JsonConverter<SessionEventEnvelope>
{
    public override SessionEventEnvelope Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("An event envelope must be an object.");
        }

        long? eventSeq = null;
        string? type = null;
        string? json = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            if (string.Equals(name, "eventSeq", StringComparison.OrdinalIgnoreCase))
            {
                eventSeq = reader.GetInt64();
            }
            else if (string.Equals(name, "type", StringComparison.OrdinalIgnoreCase))
            {
                type = reader.GetString();
            }
            else if (string.Equals(name, "json", StringComparison.OrdinalIgnoreCase))
            {
                json = reader.GetString();
            }
            else
            {
                reader.Skip();
            }
        }

        return new SessionEventEnvelope(
            eventSeq ?? throw new JsonException("An event envelope needs 'eventSeq'."),
            type ?? throw new JsonException("An event envelope needs 'type'."),
            json ?? throw new JsonException("An event envelope needs 'json'."));
    }

    public override void Write(Utf8JsonWriter writer, SessionEventEnvelope value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteNumber("eventSeq", value.EventSeq);
        writer.WriteString("type", value.Type);
        writer.WriteString("json", value.Utf8);
        writer.WriteEndObject();
    }
}
