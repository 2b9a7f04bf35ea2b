using System.Collections.Frozen;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Orleans.LiveSim.Silo.Apis;

/// <summary>
/// The published JSON Schemas (draft 2020-12) of the outbound events: one per event type, versioned in the path.
/// Every event a client receives on SSE or WebSocket validates against the schema of its <c>type</c>.
/// </summary>
public static class SchemaApi
{
    public const string Version = "v1";

    private static readonly FrozenDictionary<string, string> Schemas = Load();

    public static RouteGroupBuilder MapSchemaApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/live-sim/schema").WithTags("Schema");
        group.MapGet("/", List).WithName("ListSchemas");
        group.MapGet($"/{Version}/{{type}}", Get).WithName("GetSchema")
            .Produces<string>(StatusCodes.Status200OK, "application/schema+json")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    public static Ok<SchemaIndex> List() =>
        TypedResults.Ok(new SchemaIndex(Version, Schemas.Keys.Order(StringComparer.Ordinal).Select(t => new SchemaLink(t, $"/live-sim/schema/{Version}/{t}.json")).ToArray()));

    public static Results<ContentHttpResult, ProblemHttpResult> Get(string type)
    {
        var name = type.EndsWith(".json", StringComparison.Ordinal) ? type[..^5] : type;
        return Schemas.TryGetValue(name, out var schema)
            ? TypedResults.Text(schema, "application/schema+json")
            : TypedResults.Problem($"No schema for event type '{name}' in {Version}.", statusCode: StatusCodes.Status404NotFound, title: "Schema not found.");
    }

    private static FrozenDictionary<string, string> Load()
    {
        var assembly = typeof(SchemaApi).Assembly;
        var prefix = $"Schemas/{Version}/";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .ToFrozenDictionary(
                n => n[prefix.Length..^".json".Length],
                n =>
                {
                    using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                    return reader.ReadToEnd();
                },
                StringComparer.Ordinal);
    }
}

/// <summary>The schemas of one version.</summary>
public sealed record SchemaIndex(string Version, IReadOnlyList<SchemaLink> Schemas);

/// <summary>An event type and where its schema is.</summary>
public sealed record SchemaLink(string Type, string Url);
