using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Orleans.LiveSim.Silo.Contracts;

/// <summary>
/// How request bodies are read: the HTTP JSON options (camelCase, string enums), property names matched exactly, and
/// converters for the primitive types whose errors say what the field must be (<c>must be an integer.</c>, <c>is out of
/// range.</c>, <c>must be valid Unicode text ...</c>) instead of naming .NET types. Responses keep the plain HTTP options.
/// </summary>
public static partial class RequestJson
{
    /// <summary>Says what was wrong with a JSON text or one of its values, naming the field by its path.</summary>
    public static (string Field, string Message) Describe(JsonException error, JsonSerializerOptions options, string prefix = "")
    {
        var field = FieldOf(error.Path, prefix);
        if (error is NestedException nested)
        {
            return Describe(nested.Inner, options, field == "$" ? "" : field);
        }

        var message = error switch
        {
            { InnerException: InvalidOperationException } => InvalidText,
            _ when UnmappedIn(error.Message) is { } type => $"is not a known field (expected {string.Join(", ", options.GetTypeInfo(type).Properties.Select(p => p.Name))}).",
            _ when error.GetType() != typeof(JsonException) => $"is not valid JSON: {WithoutPosition(error.Message)}",
            _ when error.Message.StartsWith("The JSON value could not be converted to", StringComparison.Ordinal) =>
                field.Length == 0 || field == "$" ? "The body must be a JSON object." : "has the wrong JSON type (see the API reference at /docs).",
            _ => WithoutPosition(error.Message),
        };
        return (field, message);
    }

    /// <summary>Options for reading request bodies, made from the app's HTTP JSON options.</summary>
    public static JsonSerializerOptions Create(JsonSerializerOptions http)
    {
        var options = new JsonSerializerOptions(http) { PropertyNameCaseInsensitive = false };
        options.Converters.Insert(0, new StrictString());
        options.Converters.Insert(0, new StrictBoolean());
        options.Converters.Insert(0, new StrictInt32());
        options.Converters.Insert(0, new StrictInt64());
        options.Converters.Insert(0, new StrictDecimal());
        var objects = new JsonSerializerOptions(options) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };
        options.Converters.Add(new ReplaySourceRequest.Converter(objects));
        return options;
    }

    /// <summary>An error of a value a converter read with a serializer call of its own: its path is relative to that value.</summary>
    public sealed class NestedException(JsonException inner) : JsonException(inner.Message)
    {
        public JsonException Inner { get; } = inner;
    }

    public const string InvalidText = "is not valid Unicode text (a lone UTF-16 surrogate such as \\ud800 is not).";

    private static string FieldOf(string? path, string prefix)
    {
        var field = path is null or "$" ? "" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path[1..];
        return prefix.Length == 0 ? (field.Length == 0 ? "$" : field) : field.Length == 0 ? prefix : field.StartsWith('[') ? prefix + field : $"{prefix}.{field}";
    }

    // System.Text.Json names the type whose object had an unknown property only in its message.
    private static Type? UnmappedIn(string message) =>
        Unmapped().Match(message) is { Success: true } match ? typeof(RequestJson).Assembly.GetType(match.Groups[1].Value) : null;

    [GeneratedRegex("^The JSON property '.*' could not be mapped to any .NET member contained in type '([^']+)'")]
    private static partial Regex Unmapped();

    private static string WithoutPosition(string message) =>
        message.IndexOf(" Path: ", StringComparison.Ordinal) is var i and >= 0 ? message[..i] : message;

    private sealed class StrictInt32 : JsonConverter<int>
    {
        public override int Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value) ? value : throw Integer(ref reader, $"{int.MinValue}..{int.MaxValue}");

        public override void Write(Utf8JsonWriter writer, int value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
    }

    private sealed class StrictInt64 : JsonConverter<long>
    {
        public override long Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value) ? value : throw Integer(ref reader, $"{long.MinValue}..{long.MaxValue}");

        public override void Write(Utf8JsonWriter writer, long value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
    }

    private sealed class StrictDecimal : JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.Number)
            {
                throw new JsonException("must be a number.");
            }

            // A JSON number too large for decimal (1e308) is a number all the same: say so, not "must be a number".
            return reader.TryGetDecimal(out var value) ? value : throw new JsonException("is out of range (a decimal has at most 28 significant digits and is below 7.9e28 in size).");
        }

        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
    }

    private sealed class StrictBoolean : JsonConverter<bool>
    {
        public override bool Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType switch
            {
                JsonTokenType.True => true,
                JsonTokenType.False => false,
                _ => throw new JsonException("must be true or false."),
            };

        public override void Write(Utf8JsonWriter writer, bool value, JsonSerializerOptions options) => writer.WriteBooleanValue(value);
    }

    private sealed class StrictString : JsonConverter<string>
    {
        public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException("must be a string.");
            }

            try
            {
                return reader.GetString()!;
            }
            catch (InvalidOperationException)
            {
                throw new JsonException(InvalidText);
            }
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }

    // A number with a fraction is not an integer; a whole number that does not fit (1e12 for an int, 1e400) is out of range.
    private static JsonException Integer(ref Utf8JsonReader reader, string range) =>
        new(reader.TokenType == JsonTokenType.Number && !(reader.TryGetDouble(out var d) && d != Math.Floor(d))
            ? $"is out of range (an integer in {range})."
            : "must be an integer.");
}
