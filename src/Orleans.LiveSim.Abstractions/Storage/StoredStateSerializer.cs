using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.Storage;

namespace Orleans.LiveSim.Abstractions.Storage;

/// <summary>
/// Stores grain state as plain camelCase JSON without CLR type names, so renaming or moving a state type never
/// breaks stored state; the state's <c>schemaVersion</c> versions the shape instead.
/// </summary>
public sealed class StoredStateSerializer : IGrainStorageSerializer
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public BinaryData Serialize<T>(T? input) => BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(input, Options));

    public T Deserialize<T>(BinaryData input) => JsonSerializer.Deserialize<T>(input.ToMemory().Span, Options)!;
}
