using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Orleans.LiveSim.Abstractions.Serialization;
using Orleans.Storage;

namespace Orleans.LiveSim.Abstractions.Storage;

/// <summary>
/// Stores grain state as plain camelCase JSON without CLR type names, so renaming or moving a state type never
/// breaks stored state. A state that is an <see cref="IStoredState{TSelf}"/> is versioned by its <c>schemaVersion</c>:
/// older documents are upgraded as they are read.
/// </summary>
public sealed class StoredStateSerializer : IGrainStorageSerializer
{
    private static readonly ConcurrentDictionary<Type, Func<JsonObject, int>?> Upgraders = new();

    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public BinaryData Serialize<T>(T? input) => BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(input, Options));

    /// <summary>The same JSON as <see cref="Serialize{T}(T)"/>, in an array on the pinned object heap (<see cref="Utf8Json.Pinned"/>).</summary>
    public byte[] SerializePinned<T>(T input) => Utf8Json.Pinned(Utf8Json.Write(input, Options));

    public T Deserialize<T>(BinaryData input)
    {
        if (Upgraders.GetOrAdd(typeof(T), UpgraderOf) is not { } upgrade)
        {
            return JsonSerializer.Deserialize<T>(input.ToMemory().Span, Options)!;
        }

        var document = JsonNode.Parse(input.ToMemory().Span)!.AsObject();
        upgrade(document);
        return document.Deserialize<T>(Options)!;
    }

    /// <summary>Upgrades a stored document of <typeparamref name="T"/> in place to the current version, which it returns.</summary>
    public static int Upgrade<T>(JsonObject document)
        where T : IStoredState<T>
    {
        var version = document["schemaVersion"]?.GetValue<int>() ?? 1;
        if (version > T.CurrentVersion)
        {
            throw new InvalidOperationException(
                $"Stored {typeof(T).Name} has schema version {version}; this build reads versions 1 to {T.CurrentVersion}. Deploy the newer build, or restore the state from before the upgrade.");
        }

        for (; version < T.CurrentVersion; version++)
        {
            T.Upgrades[version - 1](document);
            document["schemaVersion"] = version + 1;
        }

        return version;
    }

    private static Func<JsonObject, int>? UpgraderOf(Type type) =>
        type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IStoredState<>) && i.GenericTypeArguments[0] == type)
            ? typeof(StoredStateSerializer).GetMethod(nameof(Upgrade))!.MakeGenericMethod(type).CreateDelegate<Func<JsonObject, int>>()
            : null;
}
