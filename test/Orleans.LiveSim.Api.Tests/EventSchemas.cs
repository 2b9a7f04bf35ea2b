using System.Net.Http.Json;
using System.Text.Json;
using Json.Schema;

namespace Orleans.LiveSim.Api.Tests;

/// <summary>The server's published event schemas, fetched over HTTP once; every event a test receives is validated against them.</summary>
public static class EventSchemas
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Dictionary<string, JsonSchema>? _schemas;

    public static async Task ValidateAsync(HttpClient http, string eventJson)
    {
        var schemas = await LoadAsync(http);
        var e = JsonDocument.Parse(eventJson).RootElement;
        var type = e.GetProperty("type").GetString()!;
        Assert.True(schemas.TryGetValue(type, out var schema), $"no published schema for event type '{type}'");
        var result = schema!.Evaluate(e, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, $"{type} event does not match its schema: {JsonSerializer.Serialize(result.Details?.Where(d => !d.IsValid).Select(d => new { d.InstanceLocation, d.Errors }))}\n{eventJson}");
    }

    private static async Task<Dictionary<string, JsonSchema>> LoadAsync(HttpClient http)
    {
        await Gate.WaitAsync();
        try
        {
            if (_schemas is null)
            {
                var index = await http.GetFromJsonAsync<JsonElement>("/live-sim/schema");
                var schemas = new Dictionary<string, JsonSchema>(StringComparer.Ordinal);
                foreach (var link in index.GetProperty("schemas").EnumerateArray())
                {
                    var text = await http.GetStringAsync(link.GetProperty("url").GetString());
                    schemas[link.GetProperty("type").GetString()!] = JsonSchema.FromText(text, new BuildOptions());
                }

                _schemas = schemas;
            }

            return _schemas;
        }
        finally
        {
            Gate.Release();
        }
    }
}
