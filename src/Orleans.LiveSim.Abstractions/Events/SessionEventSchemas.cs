using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using Orleans.LiveSim.Engine.Configuration;

namespace Orleans.LiveSim.Abstractions.Events;

/// <summary>
/// The published JSON Schemas (draft 2020-12) of the outbound events, generated from the event records with
/// <see cref="JsonSchemaExporter"/>: the envelope's <c>type</c> and <c>schemaVersion</c> become constants, and the
/// records' DataAnnotations (<see cref="RangeAttribute"/>, <see cref="MinLengthAttribute"/>,
/// <see cref="AllowedValuesAttribute"/>) become <c>minimum</c>, <c>exclusiveMinimum</c>, <c>minLength</c> and a
/// narrowed <c>enum</c>.
/// </summary>
public static class SessionEventSchemas
{
    public const string Draft = "https://json-schema.org/draft/2020-12/schema";

    /// <summary>Where a schema is published: its <c>$id</c>.</summary>
    public static string Id(string type) => $"https://livesim.local/schema/v{SessionEventTypes.SchemaVersion}/{type}.json";

    /// <summary>
    /// Every event type's schema, indented, by type. <paramref name="viewOptions"/> are the options session views are
    /// written with (the front silo's HTTP options), for <c>snapshot</c> and <c>resync</c>.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Generate(JsonSerializerOptions viewOptions)
    {
        var views = SessionEventJsonContext.StrictCopyOf(viewOptions);
        return SessionEventTypes.All.ToDictionary(
            t => t.Name,
            t => Generate(t, t.EventType == typeof(SessionSnapshot) || t.EventType == typeof(SweepEvent) ? views : SessionEventJsonContext.Default.Options),
            StringComparer.Ordinal);
    }

    private static string Generate(SessionEventType type, JsonSerializerOptions options)
    {
        var exported = options.GetJsonSchemaAsNode(type.EventType, new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = (context, schema) => Constrain(context, schema, type.Name),
        }).AsObject();
        var schema = new JsonObject
        {
            ["$schema"] = Draft,
            ["$id"] = Id(type.Name),
            ["title"] = type.Name,
            ["description"] = type.Description,
        };
        foreach (var (name, value) in exported.ToList())
        {
            exported.Remove(name);
            schema[name] = value;
        }

        return schema.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    private static JsonNode Constrain(JsonSchemaExporterContext context, JsonNode schema, string type)
    {
        // A replay speed has its own converter ("max" or the multiple as a string), which the exporter cannot see into.
        foreach (var speed in context.TypeInfo.Properties.Where(p => p.PropertyType == typeof(ReplaySpeed?)))
        {
            schema["properties"]![speed.Name] = new JsonObject { ["type"] = new JsonArray("string", "null"), ["default"] = null };
        }

        if (context.PropertyInfo is not { } property || schema is not JsonObject constrained)
        {
            return schema;
        }

        // A sweep's grid values and a variant's params are JSON values of their parameter's type, written as they are.
        switch (property.CustomConverter)
        {
            case Serialization.RawJsonListConverter:
                return new JsonObject { ["type"] = "array" };
            case Serialization.RawJsonObjectConverter:
                return new JsonObject { ["type"] = "object" };
        }

        var header = property.DeclaringType == typeof(SessionEventHeader) || property.DeclaringType == typeof(SweepEvent);
        if (header && property.Name == "type")
        {
            return new JsonObject { ["const"] = type };
        }

        if (header && property.Name == "schemaVersion")
        {
            return new JsonObject { ["const"] = SessionEventTypes.SchemaVersion };
        }

        if (property.Name == "body" && typeof(SessionEventHeader).IsAssignableFrom(property.DeclaringType) && constrained["type"] is JsonArray)
        {
            // The generic body's nullability is lost on the way to the exporter; an event always has its body.
            constrained["type"] = "object";
        }

        foreach (var attribute in property.AttributeProvider?.GetCustomAttributes(inherit: true) ?? [])
        {
            switch (attribute)
            {
                case RangeAttribute range:
                    constrained[range.MinimumIsExclusive ? "exclusiveMinimum" : "minimum"] = JsonValue.Create(Convert.ToDecimal(range.Minimum, System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case MinLengthAttribute length:
                    constrained["minLength"] = length.Length;
                    break;
                case AllowedValuesAttribute allowed when constrained["enum"] is JsonArray names:
                    var kept = allowed.Values.Select(v => JsonNamingPolicy.CamelCase.ConvertName(v!.ToString()!)).ToHashSet(StringComparer.Ordinal);
                    constrained["enum"] = new JsonArray([.. names.Where(n => kept.Contains(n!.GetValue<string>())).Select(n => n!.DeepClone())]);
                    break;
            }
        }

        return constrained;
    }
}
