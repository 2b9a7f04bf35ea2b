using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.LiveSim.Abstractions.Sweeps;

namespace Orleans.LiveSim.Silo.Contracts;

/// <summary>
/// The 201 body of <c>POST /live-sim/sweeps</c>: the sweep's view and, beside its fields, its <c>accessToken</c> (shown
/// this once): it reads and controls the sweep and opens every variant session.
/// </summary>
[JsonConverter(typeof(Converter))]
public sealed record SweepCreated(SweepView View, string AccessToken)
{
    internal sealed class Converter : JsonConverter<SweepCreated>
    {
        public override SweepCreated Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("SweepCreated is a response.");

        public override void Write(Utf8JsonWriter writer, SweepCreated value, JsonSerializerOptions options) =>
            SessionCreated.Converter.Write(writer, value.View, nameof(AccessToken), value.AccessToken, options);
    }
}
