using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orleans.LiveSim.Abstractions.Serialization;

/// <summary>Writes a list of JSON texts as a JSON array of those values (not of strings), and reads one back.</summary>
public sealed class RawJsonListConverter : JsonConverter<IReadOnlyList<string>>
{
    public override IReadOnlyList<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.ValueKind == JsonValueKind.Array
            ? [.. document.RootElement.EnumerateArray().Select(e => e.GetRawText())]
            : throw new JsonException("must be an array.");
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var json in value)
        {
            writer.WriteRawValue(json);
        }

        writer.WriteEndArray();
    }
}

/// <summary>Writes name/JSON-text pairs as a JSON object of those values, and reads one back.</summary>
public sealed class RawJsonObjectConverter : JsonConverter<IReadOnlyList<KeyValuePair<string, string>>>
{
    public override IReadOnlyList<KeyValuePair<string, string>> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.ValueKind == JsonValueKind.Object
            ? [.. document.RootElement.EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, p.Value.GetRawText()))]
            : throw new JsonException("must be an object.");
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<KeyValuePair<string, string>> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (name, json) in value)
        {
            writer.WritePropertyName(name);
            writer.WriteRawValue(json);
        }

        writer.WriteEndObject();
    }
}
