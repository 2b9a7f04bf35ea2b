using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.LiveSim.Engine.Strategies;

namespace Orleans.LiveSim.Silo.Contracts;

/// <summary>Writes the engine's strategy parameters as <see cref="StrategyParams"/>: the form a request's <c>strategy.params</c> uses, every parameter present.</summary>
public sealed class StrategyParametersJsonConverter : JsonConverter<StrategyParameters>
{
    public override StrategyParameters Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Requests carry StrategyParams, mapped and validated by CreateSessionValidator.");

    public override void Write(Utf8JsonWriter writer, StrategyParameters value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, StrategyParamsMapping.FromParameters(value), options);
}
