using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Orleans.LiveSim.Abstractions.Serialization;

/// <summary>
/// UTF-8 JSON written into a buffer reused per thread (writing is synchronous, and 100k sessions need not hold 100k
/// buffers), and copied out only as what is kept: an event's bytes, a stored state's document.
/// </summary>
public static class Utf8Json
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? _writer;

    /// <summary>The JSON of <paramref name="value"/>; the span is valid until the next write on this thread.</summary>
    public static ReadOnlySpan<byte> Write<T>(T value, JsonTypeInfo<T> info)
    {
        JsonSerializer.Serialize(Writer(), value, info);
        return _buffer!.WrittenSpan;
    }

    /// <summary>The JSON of <paramref name="value"/> as <paramref name="options"/> write it; valid until the next write on this thread.</summary>
    public static ReadOnlySpan<byte> Write<T>(T value, JsonSerializerOptions options)
    {
        JsonSerializer.Serialize(Writer(), value, options);
        return _buffer!.WrittenSpan;
    }

    // This thread's writer over its emptied buffer.
    private static Utf8JsonWriter Writer()
    {
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        var writer = _writer ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        return writer;
    }

    /// <summary>
    /// <paramref name="bytes"/> in an array of their own on the pinned object heap, for bytes kept long: on the normal heap
    /// each one would be copied to gen1 and again to gen2 by the collector; there it is written once and never moved
    /// (freed by gen2 collections, which run in the background). The embedded store's states.
    /// </summary>
    public static byte[] Pinned(ReadOnlySpan<byte> bytes)
    {
        var array = GC.AllocateUninitializedArray<byte>(bytes.Length, pinned: true);
        bytes.CopyTo(array);
        return array;
    }
}
