using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.LiveSim.Engine.Configuration;
using Orleans.LiveSim.Engine.Strategies;

namespace Orleans.LiveSim.Silo.Apis;

/// <summary>Writes strategy parameters in the same flat camelCase form a create request's <c>strategy.params</c> uses.</summary>
public sealed class StrategyParametersJsonConverter : JsonConverter<StrategyParameters>
{
    public override StrategyParameters Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new JsonException("Strategy parameters are read by SessionConfigParser, which validates them.");

    public override void Write(Utf8JsonWriter writer, StrategyParameters value, JsonSerializerOptions options) =>
        SessionConfigParser.ToParamsJson(value).WriteTo(writer, options);
}
