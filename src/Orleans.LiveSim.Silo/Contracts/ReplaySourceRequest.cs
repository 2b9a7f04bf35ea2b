using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.LiveSim.Engine.Configuration;

namespace Orleans.LiveSim.Silo.Contracts;

/// <summary>
/// A create request's <c>source</c>: a replay, of an uploaded recording (<c>recordingId</c>) or of a range of a feed's
/// journal (<c>feedId</c>, <c>fromSeq</c>, <c>toSeq</c>: by default all the journal holds), at a <c>speed</c>. A range the
/// journal does not hold in full is refused (409) with the range it holds.
/// </summary>
/// <remarks>Unknown fields are refused as everywhere else (by the options its converter reads objects with).</remarks>
public sealed record ReplaySourceRequest
{
    /// <summary>The feed whose journal to replay. Default: the request's <c>feedId</c>. Not with <c>recordingId</c>.</summary>
    public string? FeedId { get; init; }

    /// <summary>An uploaded recording to replay (<c>GET /live-sim/recordings</c>).</summary>
    public string? RecordingId { get; init; }

    /// <summary>First seq to replay (inclusive, at least 1). Default: the first the journal holds.</summary>
    public long? FromSeq { get; init; }

    /// <summary>Last seq to replay (inclusive). Default: the last the journal holds now.</summary>
    public long? ToSeq { get; init; }

    /// <summary><c>"max"</c> (default) or a multiple of real time in (0, 1000].</summary>
    public ReplaySpeed? Speed { get; init; }

    /// <summary>
    /// Set instead of the rest when <c>source</c> was a string: a v2 legacy profile sent as the body carries its
    /// provenance there (<c>"source": "monte_carlo"</c>). Anywhere else a string source is an error.
    /// </summary>
    [JsonIgnore]
    public string? LegacyProvenance { get; init; }

    /// <summary>Reads <c>source</c> as a replay object, or a string as <see cref="LegacyProvenance"/>.</summary>
    internal sealed class Converter(JsonSerializerOptions objects) : System.Text.Json.Serialization.JsonConverter<ReplaySourceRequest>
    {
        public override ReplaySourceRequest? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            try
            {
                return reader.TokenType == JsonTokenType.String
                    ? new ReplaySourceRequest { LegacyProvenance = JsonSerializer.Deserialize<string>(ref reader, options) }
                    : JsonSerializer.Deserialize<ReplaySourceRequest>(ref reader, objects);
            }
            catch (JsonException e)
            {
                // The inner read's path starts at source; the serializer adds the outer path to an exception without one.
                throw new RequestJson.NestedException(e);
            }
        }

        public override void Write(Utf8JsonWriter writer, ReplaySourceRequest value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value, objects);
    }
}
