using System.Text.Json;
using Json.Schema;
using Orleans.LiveSim.Abstractions.Events;

namespace Orleans.LiveSim.Api.Tests.Contracts;

/// <summary>
/// The published schemas (<c>src/Orleans.LiveSim.Silo/Schemas/v1</c>, served at <c>/live-sim/schema</c>) are exactly what
/// the event records generate, so a record and its published schema cannot drift apart unnoticed: a change to a record
/// fails here until its schema is published again on purpose (<c>LIVESIM_WRITE_SCHEMAS=1</c> rewrites the files; a
/// change a client could trip over also bumps <see cref="SessionEventTypes.SchemaVersion"/>).
/// </summary>
public sealed class EventSchemaTests
{
    private static readonly string Published = Path.Combine(SharedData.RepoRoot!, "src", "Orleans.LiveSim.Silo", "Schemas", $"v{SessionEventTypes.SchemaVersion}");

    private static readonly Lazy<IReadOnlyDictionary<string, string>> Generated = new(() => SessionEventSchemas.Generate(HostJson.Options));

    // Built once, in a registry of their own: the served schemas other tests load carry the same $ids.
    private static readonly Lazy<Dictionary<string, JsonSchema>> Built = new(() =>
    {
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        return Generated.Value.ToDictionary(e => e.Key, e => JsonSchema.FromText(e.Value, options));
    });

    [Fact]
    public void Every_published_schema_is_the_one_its_event_record_generates()
    {
        if (Environment.GetEnvironmentVariable("LIVESIM_WRITE_SCHEMAS") == "1")
        {
            foreach (var (type, schema) in Generated.Value)
            {
                File.WriteAllText(Path.Combine(Published, $"{type}.json"), schema);
            }
        }

        foreach (var (type, schema) in Generated.Value)
        {
            var path = Path.Combine(Published, $"{type}.json");
            Assert.True(File.Exists(path), $"{type} has no published schema at {path}");
            Assert.True(
                File.ReadAllText(path) == schema,
                $"{path} is not what {SessionEventTypes.All.Single(t => t.Name == type).EventType} generates. Publish it on purpose: rerun with LIVESIM_WRITE_SCHEMAS=1, and bump SessionEventTypes.SchemaVersion if clients could trip over the change.\n{schema}");
        }

        Assert.Equal(Generated.Value.Keys.Order(StringComparer.Ordinal), Directory.GetFiles(Published, "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_event_a_session_writes_matches_its_generated_schema()
    {
        var schemas = Built.Value;
        var events = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Contracts", "Fixtures", "events.jsonl"))
            .Append(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Contracts", "Fixtures", "snapshot.json")));

        foreach (var json in events)
        {
            var e = JsonDocument.Parse(json).RootElement;
            var result = schemas[e.GetProperty("type").GetString()!].Evaluate(e, new EvaluationOptions { OutputFormat = OutputFormat.List });
            Assert.True(result.IsValid, $"{json}\n{JsonSerializer.Serialize(result.Details?.Where(d => !d.IsValid).Select(d => new { d.InstanceLocation, d.Errors }))}");
        }

        Assert.Equal(13, schemas.Count);
    }

    [Fact]
    public void A_schema_rejects_what_its_record_would_never_write()
    {
        var betPlaced = Built.Value[SessionEventTypes.BetPlaced];
        var stopped = Built.Value[SessionEventTypes.SessionStopped];
        const string Valid = """{"type":"bet_placed","schemaVersion":1,"sessionId":"s","eventSeq":6,"feedSeq":5,"body":{"bet":{"betId":1,"gameId":"g","startTick":2,"endTick":42,"stake":0.010,"entryPrice":1.02,"placedAtSeq":5},"balance":0.990}}""";

        Assert.True(betPlaced.Evaluate(JsonDocument.Parse(Valid).RootElement).IsValid);
        Assert.False(betPlaced.Evaluate(JsonDocument.Parse(Valid.Replace("\"schemaVersion\":1", "\"schemaVersion\":2", StringComparison.Ordinal)).RootElement).IsValid);
        Assert.False(betPlaced.Evaluate(JsonDocument.Parse(Valid.Replace("\"stake\":0.010", "\"stake\":0", StringComparison.Ordinal)).RootElement).IsValid);
        Assert.False(betPlaced.Evaluate(JsonDocument.Parse(Valid.Replace("\"balance\":0.990", "\"balance\":0.990,\"extra\":1", StringComparison.Ordinal)).RootElement).IsValid);
        Assert.False(betPlaced.Evaluate(JsonDocument.Parse(Valid.Replace("\"sessionId\":\"s\",", "", StringComparison.Ordinal)).RootElement).IsValid);
        Assert.False(stopped.Evaluate(JsonDocument.Parse("""{"type":"session_stopped","schemaVersion":1,"sessionId":"s","eventSeq":1,"feedSeq":1,"body":{"status":"running","reason":"r"}}""").RootElement).IsValid);
    }
}
