using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orleans.LiveSim.Engine.Configuration;

/// <summary>
/// The pace of a replay: <see cref="Max"/> (every entry as soon as it can be read) or a multiple of real time in
/// (0, <see cref="MaxMultiple"/>]. Written as <c>"max"</c> or the multiple as a string (<c>"2.5"</c>); read from either,
/// or from a JSON number. Parsed here once for requests, stored sessions and feed configuration alike.
/// </summary>
[JsonConverter(typeof(ReplaySpeedJsonConverter))]
public readonly record struct ReplaySpeed
{
    /// <summary>Largest multiple of real time.</summary>
    public const decimal MaxMultiple = 1000m;

    /// <summary>What <see cref="TryParse"/> accepts, for error messages.</summary>
    public const string Expected = "\"max\" or a multiple of real time in (0, 1000]";

    private readonly decimal _multiple;

    private ReplaySpeed(decimal multiple) => _multiple = multiple;

    /// <summary>As fast as entries can be read.</summary>
    public static ReplaySpeed Max => default;

    /// <summary>True for <see cref="Max"/>.</summary>
    public bool IsMax => _multiple == 0m;

    /// <summary>The multiple of real time; null at <see cref="Max"/>.</summary>
    public decimal? Multiple => IsMax ? null : _multiple;

    /// <summary>A multiple of real time in (0, <see cref="MaxMultiple"/>].</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside that range.</exception>
    public static ReplaySpeed Of(decimal multiple) =>
        TryFrom(multiple, out var speed) ? speed : throw new ArgumentOutOfRangeException(nameof(multiple), multiple, $"A replay speed must be {Expected}.");

    /// <summary>A multiple of real time; false unless it is in (0, <see cref="MaxMultiple"/>].</summary>
    public static bool TryFrom(decimal multiple, out ReplaySpeed speed)
    {
        speed = multiple is > 0m and <= MaxMultiple ? new ReplaySpeed(multiple) : Max;
        return multiple is > 0m and <= MaxMultiple;
    }

    /// <summary>Parses <c>max</c> (any case) or a number such as <c>1</c>, <c>10</c> or <c>0.5</c>.</summary>
    public static bool TryParse(string? text, out ReplaySpeed speed)
    {
        speed = Max;
        var trimmed = text?.Trim();
        if (string.Equals(trimmed, "max", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return decimal.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var multiple) && TryFrom(multiple, out speed);
    }

    public override string ToString() => IsMax ? "max" : _multiple.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Reads <c>"max"</c>, a number or a numeric string; writes <c>"max"</c> or the multiple as a string (as views always showed it).</summary>
public sealed class ReplaySpeedJsonConverter : JsonConverter<ReplaySpeed>
{
    public override ReplaySpeed Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out var multiple) && ReplaySpeed.TryFrom(multiple, out var speed))
        {
            return speed;
        }

        // Length first: GetString on a huge or malformed string is the caller's problem, not the parser's.
        if (reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length <= 32 && ReplaySpeed.TryParse(reader.GetString(), out speed))
        {
            return speed;
        }

        throw new JsonException($"must be {ReplaySpeed.Expected}.");
    }

    public override void Write(Utf8JsonWriter writer, ReplaySpeed value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
